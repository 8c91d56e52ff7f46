import { decode } from "jpeg-js";
import { ThumbnailError, type ImageInfo } from "../image-info";
import { parseJpegFrameHeader } from "./jpeg-frame-header";
import type { DecodedFrame } from "./types";

/**
 * JPEG baseline and extended 8-bit (PS3.5 §A.4.1, processes 1 and 2/4),
 * decoded by jpeg-js. jpeg-js clamps samples to 8 bits, so other precisions
 * are refused rather than shown with wrong values (12-bit extended frames go
 * to jpeg-extended-12bit.ts instead).
 */
export function decodeJpegBaseline(frameBytes: Uint8Array, info: ImageInfo): DecodedFrame {
  const precision = parseJpegFrameHeader(frameBytes)?.precision;
  if (precision === undefined) throw new ThumbnailError("the JPEG has no frame header (SOF)");
  if (precision !== 8) throw new ThumbnailError(`${precision}-bit JPEG (extended) decoding is not available`);
  // JPEG colour data is YCbCr unless the header says RGB, which DICOM states as PhotometricInterpretation.
  const colorTransform = info.samplesPerPixel === 3 ? info.photometricInterpretation !== "RGB" : undefined;
  const image = decode(frameBytes, { useTArray: true, formatAsRGBA: false, colorTransform, maxMemoryUsageInMB: 256 });
  if (image.width !== info.columns || image.height !== info.rows) {
    throw new ThumbnailError(`the JPEG is ${image.width}×${image.height} but the header says ${info.columns}×${info.rows}`);
  }
  if (info.samplesPerPixel === 3) return { pixels: image.data, photometricInterpretation: "RGB" };
  // jpeg-js repeats a grey sample into R, G and B.
  const grey = new Uint8Array(image.width * image.height);
  for (let i = 0; i < grey.length; i++) grey[i] = image.data[i * 3]!;
  return { pixels: grey, photometricInterpretation: info.photometricInterpretation };
}
