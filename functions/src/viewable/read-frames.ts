import * as dicomParser from "dicom-parser";
import { NATIVE_TRANSFER_SYNTAXES } from "../thumbnails/decoders";
import { findNativeFrameLength } from "../thumbnails/decoders/native";
import type { ImageInfo } from "../thumbnails/image-info";
import { ViewableCopyError } from "./read-source";

/**
 * The still-encoded bytes of frame `index` (0-based): a slice of native pixel
 * data, or the fragments of one encapsulated frame (PS3.5 §A.4), found by the
 * offset table, one fragment per frame, or JPEG markers.
 * @throws ViewableCopyError when the frame is not there.
 */
export function readFrame(dataSet: dicomParser.DataSet, transferSyntaxUID: string, info: ImageInfo, index: number): Uint8Array {
  const element = dataSet.elements.x7fe00010;
  if (!element) throw new ViewableCopyError("the instance has no Pixel Data");
  if (NATIVE_TRANSFER_SYNTAXES.has(transferSyntaxUID)) {
    const length = findNativeFrameLength(info);
    const start = element.dataOffset + index * length;
    if (start + length > Math.min(element.dataOffset + element.length, dataSet.byteArray.length)) {
      throw new ViewableCopyError(`the pixel data is truncated before frame ${index + 1}`);
    }
    return dataSet.byteArray.subarray(start, start + length);
  }
  const fragments = element.fragments ?? [];
  if (fragments.length === 0) throw new ViewableCopyError("the encapsulated pixel data has no fragments");
  if (element.basicOffsetTable?.length) return dicomParser.readEncapsulatedImageFrame(dataSet, element, index);
  if (info.numberOfFrames === 1) return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, 0, fragments.length);
  if (fragments.length === info.numberOfFrames) return dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, index, 1);
  return dicomParser.readEncapsulatedImageFrame(dataSet, element, index, dicomParser.createJPEGBasicOffsetTable(dataSet, element));
}
