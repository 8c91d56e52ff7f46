import type { DataSet } from "dicom-parser";

/** The Image Pixel module (PS3.3 C.7.6.3) and the LUT attributes a thumbnail needs. */
export interface ImageInfo {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  bitsAllocated: number;
  bitsStored: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  photometricInterpretation: string;
  /** 0 colour-by-pixel (RGBRGB...), 1 colour-by-plane (RR..GG..BB..). */
  planarConfiguration: number;
  numberOfFrames: number;
  rescaleSlope: number;
  rescaleIntercept: number;
  windowCenter?: number;
  windowWidth?: number;
  modality: string;
}

/** Thrown when the image cannot become a thumbnail; the message is the placeholder's reason. */
export class ThumbnailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ThumbnailError";
  }
}

/** Modality (0008,0060), "OT" when absent, so a placeholder always has a label. */
export function readModality(dataSet: DataSet | undefined): string {
  try {
    return dataSet?.string("x00080060")?.trim() || "OT";
  } catch {
    // A truncated data set throws when an element runs past the end; the label is only cosmetic.
    return "OT";
  }
}

/**
 * Reads what decoding and windowing need.
 * @throws ThumbnailError when the attributes needed to lay out pixels are missing.
 */
export function readImageInfo(dataSet: DataSet): ImageInfo {
  const rows = dataSet.uint16("x00280010");
  const columns = dataSet.uint16("x00280011");
  const bitsAllocated = dataSet.uint16("x00280100");
  if (!rows || !columns || !bitsAllocated) {
    throw new ThumbnailError("the image has no Rows, Columns or BitsAllocated");
  }
  const samplesPerPixel = dataSet.uint16("x00280002") ?? 1;
  return {
    rows,
    columns,
    samplesPerPixel,
    bitsAllocated,
    bitsStored: dataSet.uint16("x00280101") ?? bitsAllocated,
    pixelRepresentation: dataSet.uint16("x00280103") ?? 0,
    photometricInterpretation:
      dataSet.string("x00280004")?.trim().toUpperCase() || (samplesPerPixel === 3 ? "RGB" : "MONOCHROME2"),
    planarConfiguration: dataSet.uint16("x00280006") ?? 0,
    numberOfFrames: Math.max(1, dataSet.intString("x00280008") || 1),
    rescaleSlope: readFiniteNumber(dataSet, "x00281053") ?? 1,
    rescaleIntercept: readFiniteNumber(dataSet, "x00281052") ?? 0,
    windowCenter: readFiniteNumber(dataSet, "x00281050"),
    windowWidth: readFiniteNumber(dataSet, "x00281051"),
    modality: readModality(dataSet),
  };
}

/** First value of a DS element; undefined when absent, empty or not a number. */
function readFiniteNumber(dataSet: DataSet, tag: string): number | undefined {
  const text = dataSet.string(tag);
  if (!text) return undefined;
  const value = Number(text.split("\\")[0]);
  return Number.isFinite(value) ? value : undefined;
}
