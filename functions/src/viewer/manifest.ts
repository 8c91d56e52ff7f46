import { buildInstancePath, buildViewableCopyPath, classifySopClass, type StoredInstance, type StudyRecord } from "@pacs/shared";

/** OHIF's dicomjson data source input: one study, its series, each instance's metadata and URL. */
export interface DicomJsonManifest {
  studies: Array<{
    StudyInstanceUID: string;
    PatientName?: string;
    PatientID: string;
    StudyDate?: string;
    StudyTime?: string;
    StudyDescription?: string;
    AccessionNumber?: string;
    Modalities: string;
    NumInstances: number;
    series: Array<{
      SeriesInstanceUID: string;
      SeriesNumber?: number;
      SeriesDescription?: string;
      Modality: string;
      instances: Array<{ metadata: StoredInstance["metadata"] & ViewerExtras; url: string }>;
    }>;
  }>;
}

/**
 * Metadata OHIF reads from a non-image instance besides the stored header:
 * where the encapsulated PDF is (its dicom-pdf extension calls
 * `retrieve.directURL({ tag: "EncapsulatedDocument" })`, which for dicomjson
 * answers `DirectRetrieveURL`), and an SR's content tree (ContentSequence...).
 */
export type ViewerExtras = Record<string, unknown> & {
  EncapsulatedDocument?: { DirectRetrieveURL: string };
  MIMETypeOfEncapsulatedDocument?: string;
};

/**
 * The instances the viewer can show. Images, PDFs and the SRs OHIF reads are
 * kept; RT structure sets and segmentations only beside images, which they are
 * drawn over; a PDF whose document was not extracted, and every other
 * non-image object (waveforms, plans, presentation states, key object
 * selections...), are left out: OHIF would give them an empty black viewport.
 * The study page lists them with a download instead.
 */
export function findViewableInstances(instances: StoredInstance[]): StoredInstance[] {
  const kinds = instances.map(({ metadata: m }) => classifySopClass(m.SOPClassUID, { Rows: m.Rows, Columns: m.Columns }));
  const hasImages = kinds.some((info) => info.kind === "image");
  return instances.filter((instance, i) => {
    const info = kinds[i]!;
    if (info.kind === "pdf") return instance.renditions?.pdfBytes !== undefined;
    if (info.kind === "rtstruct" || info.kind === "seg") return hasImages;
    return info.opensInViewer;
  });
}

/** Slice order: instance number, then position along the normal, then UID for a stable tie-break. */
export function byDisplayOrder(a: StoredInstance, b: StoredInstance): number {
  const number = (a.metadata.InstanceNumber ?? Number.MAX_SAFE_INTEGER) - (b.metadata.InstanceNumber ?? Number.MAX_SAFE_INTEGER);
  if (number !== 0) return number;
  const z = (a.metadata.ImagePositionPatient?.[2] ?? 0) - (b.metadata.ImagePositionPatient?.[2] ?? 0);
  return z !== 0 ? z : a.metadata.SOPInstanceUID.localeCompare(b.metadata.SOPInstanceUID);
}

/**
 * The object the viewer is sent to: the viewer-ready copy when ingest made
 * one (docs/viewer.md), else the original.
 */
export function findViewerObjectPath(uid: string, instance: StoredInstance): string {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = instance.metadata;
  const build = instance.viewableCopy?.TransferSyntaxUID ? buildViewableCopyPath : buildInstancePath;
  return build(uid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID);
}

/** The metadata describes the object its URL serves: a copy's transfer syntax replaces the original's. */
function describeServed(instance: StoredInstance): StoredInstance["metadata"] {
  const copySyntax = instance.viewableCopy?.TransferSyntaxUID;
  return copySyntax ? { ...instance.metadata, TransferSyntaxUID: copySyntax } : instance.metadata;
}

/**
 * Builds the manifest from the study record and its stored instances (only
 * those the viewer shows: {@link findViewableInstances}). `urls` holds each
 * instance's signed URL by SOP Instance UID; OHIF fetches them as WADO-URI
 * (`dicomweb:` prefix). `extras` adds metadata by SOP Instance UID.
 */
export function buildDicomJsonManifest(
  study: StudyRecord,
  instances: StoredInstance[],
  urls: Map<string, string>,
  extras: Map<string, ViewerExtras> = new Map(),
): DicomJsonManifest {
  const bySeries = new Map<string, StoredInstance[]>();
  for (const instance of instances) {
    const list = bySeries.get(instance.metadata.SeriesInstanceUID) ?? [];
    list.push(instance);
    bySeries.set(instance.metadata.SeriesInstanceUID, list);
  }
  const series = study.series
    .filter((s) => bySeries.has(s.SeriesInstanceUID))
    .map((s) => ({
      SeriesInstanceUID: s.SeriesInstanceUID,
      SeriesNumber: s.SeriesNumber,
      SeriesDescription: s.SeriesDescription,
      Modality: s.Modality,
      instances: bySeries
        .get(s.SeriesInstanceUID)!
        .sort(byDisplayOrder)
        .map((instance) => ({
          metadata: { ...describeServed(instance), ...extras.get(instance.metadata.SOPInstanceUID) },
          url: `dicomweb:${urls.get(instance.metadata.SOPInstanceUID)!}`,
        })),
    }));
  return {
    studies: [
      {
        StudyInstanceUID: study.StudyInstanceUID,
        PatientName: study.PatientName,
        PatientID: study.PatientID,
        StudyDate: study.StudyDate,
        StudyTime: study.StudyTime,
        StudyDescription: study.StudyDescription,
        AccessionNumber: study.AccessionNumber,
        Modalities: study.ModalitiesInStudy.join("\\"),
        NumInstances: instances.length,
        series,
      },
    ],
  };
}
