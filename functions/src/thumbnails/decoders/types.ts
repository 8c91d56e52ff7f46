import type { ImageInfo } from "../image-info";

export type PixelArray = Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;

/**
 * One decoded frame. Colour samples are always interleaved (RGBRGB...);
 * `photometricInterpretation` says what they are after decoding, since some
 * codecs convert YBR to RGB on the way out.
 */
export interface DecodedFrame {
  pixels: PixelArray;
  photometricInterpretation: string;
}

/** A decoder for one family of transfer syntaxes. */
export type FrameDecoder = (frameBytes: Uint8Array, info: ImageInfo) => DecodedFrame | Promise<DecodedFrame>;

/** Colour-by-plane samples (RR..GG..BB..) to colour-by-pixel, which the rest of the pipeline expects. */
export function interleavePlanes<T extends PixelArray>(planar: T, pixelCount: number, samplesPerPixel: number): T {
  const out = planar.slice(0, 0) as T;
  const result = new (out.constructor as new (length: number) => T)(pixelCount * samplesPerPixel);
  for (let s = 0; s < samplesPerPixel; s++) {
    const plane = s * pixelCount;
    for (let i = 0; i < pixelCount; i++) result[i * samplesPerPixel + s] = planar[plane + i]!;
  }
  return result;
}

/**
 * Keeps the BitsStored low bits of each sample, sign-extended for signed data:
 * PS3.5 §8.1.1 lets writers put anything in the unused high bits.
 */
export function maskToBitsStored(pixels: PixelArray, info: ImageInfo): PixelArray {
  const bits = info.bitsStored;
  if (bits >= 32 || (bits === info.bitsAllocated && (info.pixelRepresentation === 1) === isSignedArray(pixels))) {
    return pixels;
  }
  const out = new Int32Array(pixels.length);
  const shift = 32 - bits;
  const signed = info.pixelRepresentation === 1;
  for (let i = 0; i < pixels.length; i++) {
    const v = pixels[i]! << shift;
    out[i] = signed ? v >> shift : v >>> shift;
  }
  return out;
}

function isSignedArray(pixels: PixelArray): boolean {
  return pixels instanceof Int8Array || pixels instanceof Int16Array || pixels instanceof Int32Array;
}
