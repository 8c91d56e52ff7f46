import { ThumbnailError, type ImageInfo } from "../image-info";
import { interleavePlanes, maskToBitsStored, type DecodedFrame, type PixelArray } from "./types";

/** Bytes one uncompressed frame takes (PS3.5 §8.1.1); 1-bit frames are packed. */
export function findNativeFrameLength(info: ImageInfo): number {
  const samples = info.rows * info.columns * info.samplesPerPixel;
  if (info.photometricInterpretation === "YBR_FULL_422") return (samples / 3) * 2 * (info.bitsAllocated / 8);
  return Math.ceil((samples * info.bitsAllocated) / 8);
}

/**
 * Uncompressed pixel data, little or big endian (PS3.5 §8.1, §A.2–A.4):
 * 1, 8, 16 or 32 bits allocated, signed or not, colour by pixel or by plane.
 */
export function decodeNative(frameBytes: Uint8Array, info: ImageInfo, bigEndian = false): DecodedFrame {
  const pixelCount = info.rows * info.columns;
  if (info.photometricInterpretation === "YBR_FULL_422" && info.bitsAllocated === 8) {
    return { pixels: expandYbr422(frameBytes, pixelCount), photometricInterpretation: "YBR_FULL" };
  }
  let pixels = readSamples(frameBytes, info, bigEndian);
  if (info.samplesPerPixel > 1 && info.planarConfiguration === 1) {
    pixels = interleavePlanes(pixels, pixelCount, info.samplesPerPixel);
  }
  return { pixels: maskToBitsStored(pixels, info), photometricInterpretation: info.photometricInterpretation };
}

function readSamples(bytes: Uint8Array, info: ImageInfo, bigEndian: boolean): PixelArray {
  const count = info.rows * info.columns * info.samplesPerPixel;
  const signed = info.pixelRepresentation === 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = !bigEndian;
  switch (info.bitsAllocated) {
    case 1:
      return Uint8Array.from({ length: count }, (_, i) => (bytes[i >> 3]! >> (i & 7)) & 1);
    case 8:
      return signed ? new Int8Array(bytes.buffer, bytes.byteOffset, count) : bytes.subarray(0, count);
    case 16: {
      const out = signed ? new Int16Array(count) : new Uint16Array(count);
      for (let i = 0; i < count; i++) out[i] = signed ? view.getInt16(i * 2, little) : view.getUint16(i * 2, little);
      return out;
    }
    case 32: {
      const out = signed ? new Int32Array(count) : new Uint32Array(count);
      for (let i = 0; i < count; i++) out[i] = signed ? view.getInt32(i * 4, little) : view.getUint32(i * 4, little);
      return out;
    }
    default:
      throw new ThumbnailError(`BitsAllocated ${info.bitsAllocated} is not supported`);
  }
}

/** YBR_FULL_422 stores Y1 Y2 Cb Cr per pair of pixels (PS3.3 C.7.6.3.1.2); expand to Y Cb Cr per pixel. */
function expandYbr422(bytes: Uint8Array, pixelCount: number): Uint8Array {
  const out = new Uint8Array(pixelCount * 3);
  for (let pair = 0; pair * 2 < pixelCount; pair++) {
    const [y1, y2, cb, cr] = [bytes[pair * 4]!, bytes[pair * 4 + 1]!, bytes[pair * 4 + 2]!, bytes[pair * 4 + 3]!];
    out.set([y1, cb, cr], pair * 6);
    if (pair * 2 + 1 < pixelCount) out.set([y2, cb, cr], pair * 6 + 3);
  }
  return out;
}
