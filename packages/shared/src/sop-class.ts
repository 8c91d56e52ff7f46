/**
 * What a stored object is, from its SOP Class UID (PS3.4 Annex B.5): an image
 * the viewer draws, a report or document it shows another way, or an object
 * it cannot show at all (RT plans, waveforms, presentation states...), which
 * the study page lists with a download instead of sending to a black viewport.
 */
import { SOP_CLASS_REGISTRY } from "./sop-classes";

export const SOP_KINDS = ["image", "sr", "pdf", "rtstruct", "waveform", "seg", "presentation-state", "other-nonimage"] as const;
export type SopKind = (typeof SOP_KINDS)[number];

export interface SopClassInfo {
  kind: SopKind;
  /** What a person would call one such object: "Structured report (Comprehensive SR)". */
  label: string;
  /**
   * The OHIF viewer (3.13) displays it on its own: images, the four SR classes its
   * SR extension reads (Basic Text, Enhanced, Comprehensive, Comprehensive 3D) and
   * encapsulated PDF. RT structure sets and segmentations need their images.
   */
  opensInViewer: boolean;
}

/** The SR classes `@ohif/extension-cornerstone-dicom-sr` registers a handler for. */
const OHIF_SR_CLASSES = new Set([
  "1.2.840.10008.5.1.4.1.1.88.11",
  "1.2.840.10008.5.1.4.1.1.88.22",
  "1.2.840.10008.5.1.4.1.1.88.33",
  "1.2.840.10008.5.1.4.1.1.88.34",
]);

/** What ingest saw in the instance, for classes the registry does not know. */
export interface PixelPresence {
  Rows?: number;
  Columns?: number;
  /** (7FE0,0010), (7FE0,0008) or (7FE0,0009) is present. */
  hasPixelData?: boolean;
}

/**
 * Classifies one instance. Known classes go by the registry; an unknown class
 * is an image when the instance has Rows, Columns or pixel data (a private or
 * newer image class), else a non-image "DICOM object".
 */
export function classifySopClass(sopClassUID: string | undefined, pixels: PixelPresence = {}): SopClassInfo {
  const known = sopClassUID ? SOP_CLASS_REGISTRY.get(sopClassUID) : undefined;
  if (known) return { ...known, opensInViewer: opensInViewer(sopClassUID!, known.kind) };
  const looksLikeImage = pixels.hasPixelData === true || (pixels.Rows !== undefined && pixels.Columns !== undefined);
  return looksLikeImage ? { kind: "image", label: "Image", opensInViewer: true } : { kind: "other-nonimage", label: "DICOM object", opensInViewer: false };
}

function opensInViewer(sopClassUID: string, kind: SopKind): boolean {
  if (kind === "image" || kind === "pdf") return true;
  return kind === "sr" && OHIF_SR_CLASSES.has(sopClassUID);
}

/**
 * A series' kind from its modality alone, for study records written before
 * ingest kept SOP classes: good enough to explain, never used to build manifests.
 */
export function classifyModality(modality: string): SopKind {
  const byModality: Record<string, SopKind> = {
    SR: "sr",
    DOC: "pdf",
    RTSTRUCT: "rtstruct",
    RTPLAN: "other-nonimage",
    RTRECORD: "other-nonimage",
    KO: "other-nonimage",
    PR: "presentation-state",
    SEG: "seg",
    ECG: "waveform",
    HD: "waveform",
    EPS: "waveform",
    RESP: "waveform",
    AU: "waveform",
    EEG: "waveform",
    EMG: "waveform",
    EOG: "waveform",
    REG: "other-nonimage",
    FID: "other-nonimage",
    PLAN: "other-nonimage",
  };
  return byModality[modality] ?? "image";
}

/** One sentence per kind for the study page: why the object is listed there and what to do with it. */
export const NON_IMAGE_EXPLANATIONS: Record<Exclude<SopKind, "image">, string> = {
  sr: "A report stored as DICOM structured text.",
  pdf: "A PDF document stored inside DICOM.",
  rtstruct: "Contours drawn for radiotherapy planning. They are shown only over the images they were drawn on.",
  waveform: "A recorded signal (such as an ECG), not an image. Open it with software that reads DICOM waveforms.",
  seg: "A segmentation (a labelled mask). It is shown only over the images it was made from.",
  "presentation-state": "Display settings for other images (window, annotations), not an image itself.",
  "other-nonimage": "A DICOM object that holds data, not an image. Open it with software that reads it.",
};
