import * as dicomParser from "dicom-parser";
import { detectDicom, EXPLICIT_VR_LITTLE_ENDIAN } from "../ingest/detect";
import { inflateBounded, InflateRefusedError, type InflateLimits } from "../ingest/inflate-data-set";
import { DEFAULT_INFLATE_LIMITS } from "../ingest/limits";
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, findMetaEnd, refuseUndeclaredInflate, sliceMetaGroup } from "../ingest/parse-header";
import { NATIVE_TRANSFER_SYNTAXES } from "./decoders";
import { ThumbnailError, readImageInfo, type ImageInfo } from "./image-info";
import { findNativeFrameLength } from "./decoders/native";

const PIXEL_DATA = "x7fe00010";

/** The first frame's still-encoded bytes, with what is needed to decode and window them. */
export interface EncodedFrame {
  transferSyntaxUID: string;
  info: ImageInfo;
  frameBytes: Uint8Array;
}

/**
 * A file's data set including Pixel Data. dicomParser's partial result (`{exception, dataSet}`)
 * is kept on the error so the placeholder can still show the modality.
 */
export class ThumbnailParseError extends ThumbnailError {
  constructor(
    reason: string,
    readonly partialDataSet?: dicomParser.DataSet,
  ) {
    super(`not readable as DICOM: ${reason}`);
    this.name = "ThumbnailParseError";
  }
}

/**
 * A deflated data set is inflated within `limits`, as at ingest.
 * @throws ThumbnailParseError when the bytes do not parse as DICOM or do not inflate within the limits.
 */
export function parseDicomWithPixels(bytes: Uint8Array, limits: InflateLimits = DEFAULT_INFLATE_LIMITS): { dataSet: dicomParser.DataSet; transferSyntaxUID: string } {
  const detection = detectDicom(bytes);
  if (!detection.isDicom) throw new ThumbnailParseError(detection.reason);
  try {
    if (detection.kind === "raw") {
      const dataSet = dicomParser.parseDicom(bytes, { TransferSyntaxUID: detection.transferSyntaxUID });
      return { dataSet, transferSyntaxUID: detection.transferSyntaxUID };
    }
    const meta = dicomParser.readPart10Header(sliceMetaGroup(bytes));
    const transferSyntaxUID = meta.string("x00020010")?.trim() || "1.2.840.10008.1.2";
    if (transferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) {
      // Parsed on its own: dicomParser's inflater hook would inflate without bounds.
      const body = inflateBounded(bytes.subarray(findMetaEnd(meta, bytes)), limits);
      return { dataSet: dicomParser.parseDicom(body, { TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN }), transferSyntaxUID };
    }
    return { dataSet: dicomParser.parseDicom(bytes, { inflater: refuseUndeclaredInflate }), transferSyntaxUID };
  } catch (error) {
    if (error instanceof InflateRefusedError) throw new ThumbnailParseError(error.detail);
    if (typeof error === "object" && error !== null && "exception" in error && "dataSet" in error) {
      throw new ThumbnailParseError(String(error.exception), error.dataSet as dicomParser.DataSet);
    }
    throw new ThumbnailParseError(error instanceof Error ? error.message : String(error));
  }
}


/**
 * Frame 0 of Pixel Data: a slice of native data, or the fragments of the first
 * encapsulated frame (PS3.5 §A.4).
 * @throws ThumbnailError when there is no image or its pixel data is cut short.
 */
export function readFirstFrame(dataSet: dicomParser.DataSet, transferSyntaxUID: string): EncodedFrame {
  const element = dataSet.elements[PIXEL_DATA];
  if (!element) throw new ThumbnailError("the instance has no Pixel Data");
  const info = readImageInfo(dataSet);
  if (NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUID)) {
    const length = findNativeFrameLength(info);
    const available = Math.min(element.length, dataSet.byteArray.length - element.dataOffset);
    if (length > available) {
      throw new ThumbnailError(`the pixel data is truncated: a frame needs ${length} bytes but ${available} remain`);
    }
    return { transferSyntaxUID, info, frameBytes: dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + length) };
  }
  if (!element.encapsulatedPixelData || !element.fragments?.length) {
    throw new ThumbnailError("the encapsulated pixel data has no fragments");
  }
  return { transferSyntaxUID, info, frameBytes: readEncapsulatedFrame(dataSet, element, info.numberOfFrames) };
}

function readEncapsulatedFrame(dataSet: dicomParser.DataSet, element: dicomParser.Element, numberOfFrames: number): Uint8Array {
  const fragments = element.fragments ?? [];
  if (element.basicOffsetTable?.length) return dicomParser.readEncapsulatedImageFrame(dataSet, element, 0);
  // Without an offset table: one frame owns all fragments, or each frame is one fragment.
  const count = numberOfFrames === 1 ? fragments.length : fragments.length === numberOfFrames ? 1 : 0;
  if (count === 0) {
    // JPEG frames start with an SOI marker, which lets dicomParser rebuild the table.
    const table = dicomParser.createJPEGBasicOffsetTable(dataSet, element);
    return dicomParser.readEncapsulatedImageFrame(dataSet, element, 0, table);
  }
  return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, 0, count);
}
