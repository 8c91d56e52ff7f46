import type { InstanceMetadata, SeriesSummary } from "@pacs/shared";
import { buildDicomJson, type DicomJsonDataset, type NaturalDataset } from "./build-dicom-json";
import { buildInstanceDataset, buildRetrieveURL, buildSeriesDataset, buildStudyDataset, type StudyForQuery } from "./level-attributes";

/** Transfer syntaxes whose pixel data is native, not encapsulated (PS3.5 §A.4 lists the others). */
const NATIVE_TRANSFER_SYNTAXES = new Set(["1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"]);

/** Attributes that describe a query result, not the instance: a metadata answer leaves them out (PS3.18 §10.4.1.2.2). */
const QUERY_ONLY_KEYWORDS = new Set([
  "ModalitiesInStudy",
  "NumberOfStudyRelatedSeries",
  "NumberOfStudyRelatedInstances",
  "NumberOfSeriesRelatedInstances",
  "InstanceAvailability",
  "RetrieveURL",
]);

/** Where the original's pixel data is served (WADO-RS bulkdata, wado/). */
export function buildPixelDataURI(origin: string, instance: InstanceMetadata): string {
  return `${buildRetrieveURL(origin, instance.StudyInstanceUID, instance.SeriesInstanceUID, instance.SOPInstanceUID)}/bulkdata/7fe00010`;
}

/**
 * The VR Pixel Data has in the original (PS3.5 §8.2): OB when encapsulated
 * or 8-bit, OW for native words. A client reads it to know how the bulk data
 * it fetches is laid out.
 */
export function findPixelDataVR(instance: InstanceMetadata): "OB" | "OW" {
  return NATIVE_TRANSFER_SYNTAXES.has(instance.TransferSyntaxUID) && (instance.BitsAllocated ?? 8) > 8 ? "OW" : "OB";
}

/**
 * One instance's WADO-RS metadata (PS3.18 §10.4.1.2.2) from what ingest
 * stored: its study's and series' attributes, then its own, including the
 * original's Transfer Syntax UID (0002,0010) and Image Pixel module. Pixel
 * Data, for an image, is a BulkDataURI (absolute) to the original's frames.
 */
export function buildInstanceMetadata(study: StudyForQuery, series: SeriesSummary, instance: InstanceMetadata, origin: string): DicomJsonDataset {
  const natural: NaturalDataset = {
    ...buildStudyDataset(study, origin),
    ...buildSeriesDataset(series, origin),
    ...buildInstanceDataset(instance, origin),
  };
  const dataset = buildDicomJson(natural, Object.keys(natural).filter((keyword) => !QUERY_ONLY_KEYWORDS.has(keyword) && natural[keyword] !== undefined));
  if (instance.Rows !== undefined) dataset["7FE00010"] = { vr: findPixelDataVR(instance), BulkDataURI: buildPixelDataURI(origin, instance) };
  return dataset;
}
