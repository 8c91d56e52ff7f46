import { ThumbnailError, type ImageInfo } from "../image-info";
import { interleavePlanes, maskToBitsStored, type DecodedFrame, type PixelArray } from "./types";

/**
 * Turns a wasm codec's output bytes (host order, which is little endian for
 * wasm) into typed samples, checking they match the DICOM header.
 */
export function readCodecSamples(
  bytes: Uint8Array,
  frameInfo: { width: number; height: number; bitsPerSample: number; componentCount: number },
  info: ImageInfo,
  planar: boolean,
  signed: boolean,
): DecodedFrame {
  if (frameInfo.width === 0 || frameInfo.height === 0) throw new ThumbnailError("the codestream does not decode");
  if (frameInfo.width !== info.columns || frameInfo.height !== info.rows) {
    throw new ThumbnailError(
      `the codestream is ${frameInfo.width}×${frameInfo.height} but the header says ${info.columns}×${info.rows}`,
    );
  }
  const count = frameInfo.width * frameInfo.height * frameInfo.componentCount;
  let pixels: PixelArray;
  if (frameInfo.bitsPerSample <= 8) {
    pixels = signed ? new Int8Array(bytes.buffer, bytes.byteOffset, count) : bytes.subarray(0, count);
  } else {
    if (bytes.byteOffset % 2 !== 0) bytes = bytes.slice();
    pixels = signed ? new Int16Array(bytes.buffer, bytes.byteOffset, count) : new Uint16Array(bytes.buffer, bytes.byteOffset, count);
  }
  if (planar && frameInfo.componentCount > 1) {
    pixels = interleavePlanes(pixels, frameInfo.width * frameInfo.height, frameInfo.componentCount);
  }
  const bitsStored = Math.min(info.bitsStored, frameInfo.bitsPerSample);
  return {
    pixels: maskToBitsStored(pixels, { ...info, bitsStored, pixelRepresentation: signed ? 1 : 0 }),
    photometricInterpretation: info.photometricInterpretation,
  };
}
