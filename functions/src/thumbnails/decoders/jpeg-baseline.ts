import { decode } from "jpeg-js";
import { ThumbnailError, type ImageInfo } from "../image-info";
import type { DecodedFrame } from "./types";

/**
 * JPEG baseline and extended 8-bit (PS3.5 §A.4.1, processes 1 and 2/4),
 * decoded by jpeg-js. jpeg-js clamps samples to 8 bits, so 12-bit extended
 * images are refused rather than shown with wrong values.
 */
export function decodeJpegBaseline(frameBytes: Uint8Array, info: ImageInfo): DecodedFrame {
  const precision = findJpegPrecision(frameBytes);
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

/** Sample precision from the first SOF marker (ITU T.81 B.2.2); 0 when none is found. */
export function findJpegPrecision(bytes: Uint8Array): number {
  let offset = 2;
  while (offset + 4 < bytes.length) {
    if (bytes[offset] !== 0xff) return 0;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isStartOfFrame) return bytes[offset + 4]!;
    offset += 2 + ((bytes[offset + 2]! << 8) | bytes[offset + 3]!);
  }
  return 0;
}
