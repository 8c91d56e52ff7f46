import type { InstanceMetadata, SeriesSummary } from "@pacs/shared";
import { buildInstanceMetadata } from "../dicom-json/build-instance-metadata";
import type { DicomJsonDataset } from "../dicom-json/build-dicom-json";
import { DicomwebError, NO_SUCH_STUDY } from "../dicomweb-error";
import { readStudy, readStudyMetadata } from "./find-studies";
import type { SearchContext } from "./search";

/** The study, series or instance a metadata request names. */
export interface MetadataPath {
  StudyInstanceUID: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
}

/** A series the study record does not list (an instance stored before its summary was counted): its own attributes suffice. */
function seriesOf(instance: InstanceMetadata): SeriesSummary {
  return { StudyInstanceUID: instance.StudyInstanceUID, SeriesInstanceUID: instance.SeriesInstanceUID, Modality: instance.Modality, NumberOfSeriesRelatedInstances: 0 };
}

/**
 * WADO-RS metadata (PS3.18 §10.4.1.1.2) of a study, a series or an
 * instance: one DICOM JSON data set per instance, from the study record and
 * its instance chunks (two reads, made together), never from the files.
 */
export async function retrieveMetadata(ctx: SearchContext, path: MetadataPath): Promise<DicomJsonDataset[]> {
  // Both reads at once: the chunks of a study that is not the caller's are simply none, and are not shown.
  const [study, stored] = await Promise.all([readStudy(ctx.db, ctx.uid, path.StudyInstanceUID), readStudyMetadata(ctx.db, ctx.uid, path.StudyInstanceUID)]);
  if (!study) throw new DicomwebError(404, NO_SUCH_STUDY);
  const seriesByUID = new Map(study.series.map((series) => [series.SeriesInstanceUID, series]));
  if (path.SeriesInstanceUID && !seriesByUID.has(path.SeriesInstanceUID)) throw new DicomwebError(404, "There is no such series in this study.");
  const instances = stored.filter(
    (instance) => (!path.SeriesInstanceUID || instance.SeriesInstanceUID === path.SeriesInstanceUID) && (!path.SOPInstanceUID || instance.SOPInstanceUID === path.SOPInstanceUID),
  );
  if (path.SOPInstanceUID && instances.length === 0) throw new DicomwebError(404, "There is no such instance in this series.");
  return instances.map((instance) => buildInstanceMetadata(study, seriesByUID.get(instance.SeriesInstanceUID) ?? seriesOf(instance), instance, ctx.origin));
}
