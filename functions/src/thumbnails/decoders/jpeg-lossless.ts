import { Decoder } from "jpeg-lossless-decoder-js";
import { ThumbnailError, type ImageInfo } from "../image-info";
import { maskToBitsStored, type DecodedFrame } from "./types";

/**
 * JPEG lossless, non-hierarchical (PS3.5 §A.4.2, process 14 and its first-order
 * prediction variant SV1), decoded by jpeg-lossless-decoder-js.
 */
export function decodeJpegLossless(frameBytes: Uint8Array, info: ImageInfo): DecodedFrame {
  const bytesPerSample = info.bitsAllocated <= 8 ? 1 : 2;
  const pixels = new Decoder().decode(
    frameBytes.buffer as ArrayBuffer,
    frameBytes.byteOffset,
    frameBytes.byteLength,
    bytesPerSample,
  );
  const expected = info.rows * info.columns * info.samplesPerPixel;
  if (pixels.length < expected) {
    throw new ThumbnailError(`the lossless JPEG has ${pixels.length} samples, expected ${expected}`);
  }
  return {
    pixels: maskToBitsStored(pixels.subarray(0, expected), info),
    photometricInterpretation: info.photometricInterpretation,
  };
}
