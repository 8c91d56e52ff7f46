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
      instances: DicomJsonInstance[];
    }>;
  }>;
}

/** One entry of a series: an instance, or one frame of a multi-frame instance. */
export interface DicomJsonInstance {
  metadata: StoredInstance["metadata"] & ViewerExtras;
  url: string;
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
    // A black viewport says nothing; the study page lists these with their reason.
    if (instance.undrawable) return false;
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

/** Attributes that apply to greyscale only (PS3.3 C.11.1): a colour copy must not be windowed or rescaled. */
const GREYSCALE_ONLY = ["WindowCenter", "WindowWidth", "RescaleIntercept", "RescaleSlope"] as const;

/**
 * The metadata describes the object its URL serves: a copy's transfer syntax
 * replaces the original's, and a decoded copy's Image Pixel module (RGB from a
 * palette, say) replaces the original's.
 */
function describeServed(instance: StoredInstance): StoredInstance["metadata"] {
  const copy = instance.viewableCopy;
  if (!copy?.TransferSyntaxUID) return instance.metadata;
  const served = { ...instance.metadata, TransferSyntaxUID: copy.TransferSyntaxUID, ...copy.pixelModule };
  if (copy.pixelModule && copy.pixelModule.SamplesPerPixel > 1) for (const key of GREYSCALE_ONLY) delete served[key];
  return served;
}

/**
 * One manifest entry per frame. OHIF's dicomjson data source gives frame i of
 * a multi-frame instance the URL of the i-th entry with that SOP Instance UID
 * (one entry would make every frame the same image, and all but one never
 * load); the WADO-URI loader reads `frame=` (1-based) off the URL and fetches
 * the file once, without it.
 */
function listFrameEntries(metadata: DicomJsonInstance["metadata"], signedUrl: string): DicomJsonInstance[] {
  const frames = metadata.NumberOfFrames ?? 1;
  if (frames <= 1) return [{ metadata, url: `dicomweb:${signedUrl}` }];
  const separator = signedUrl.includes("?") ? "&" : "?";
  return Array.from({ length: frames }, (_, i) => ({ metadata, url: `dicomweb:${signedUrl}${separator}frame=${i + 1}` }));
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
        .flatMap((instance) => listFrameEntries({ ...describeServed(instance), ...extras.get(instance.metadata.SOPInstanceUID) }, urls.get(instance.metadata.SOPInstanceUID)!)),
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
