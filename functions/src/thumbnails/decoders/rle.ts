import { ThumbnailError, type ImageInfo } from "../image-info";
import { decodeNative } from "./native";
import type { DecodedFrame } from "./types";

const HEADER_LENGTH = 64;

/**
 * DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets,
 * then one PackBits segment per byte plane, most significant byte first and
 * sample by sample. The planes are reassembled into colour-by-plane
 * little-endian bytes and read like uncompressed data.
 */
export function decodeRle(frameBytes: Uint8Array, info: ImageInfo): DecodedFrame {
  const view = new DataView(frameBytes.buffer, frameBytes.byteOffset, frameBytes.byteLength);
  if (frameBytes.length < HEADER_LENGTH) throw new ThumbnailError("the RLE frame is shorter than its header");
  const segmentCount = view.getUint32(0, true);
  const bytesPerSample = Math.ceil(info.bitsAllocated / 8);
  if (segmentCount !== bytesPerSample * info.samplesPerPixel) {
    throw new ThumbnailError(`the RLE frame has ${segmentCount} segments, expected ${bytesPerSample * info.samplesPerPixel}`);
  }
  const pixelCount = info.rows * info.columns;
  const planar = new Uint8Array(pixelCount * bytesPerSample * info.samplesPerPixel);
  for (let segment = 0; segment < segmentCount; segment++) {
    const start = view.getUint32(4 + segment * 4, true);
    const end = segment + 1 < segmentCount ? view.getUint32(8 + segment * 4, true) : frameBytes.length;
    const plane = unpackBits(frameBytes.subarray(start, end), pixelCount);
    const sample = Math.floor(segment / bytesPerSample);
    // Segment 0 of a sample is its most significant byte; little-endian puts it last.
    const byteInSample = bytesPerSample - 1 - (segment % bytesPerSample);
    const base = sample * pixelCount * bytesPerSample;
    for (let i = 0; i < pixelCount; i++) planar[base + i * bytesPerSample + byteInSample] = plane[i]!;
  }
  // RLE has no subsampled layout: YBR_FULL_422 here would be a writer's mislabel of YBR_FULL.
  const photometricInterpretation = info.photometricInterpretation.replace(/^YBR_FULL_422$/, "YBR_FULL");
  return decodeNative(planar, { ...info, planarConfiguration: 1, photometricInterpretation });
}

/** PackBits (PS3.5 G.3.1): n >= 0 copies n+1 literal bytes, n in -127..-1 repeats the next byte 1-n times. */
export function unpackBits(segment: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let read = 0;
  let written = 0;
  while (written < length && read < segment.length) {
    const n = (segment[read++]! << 24) >> 24;
    if (n >= 0) {
      const count = Math.min(n + 1, length - written, segment.length - read);
      out.set(segment.subarray(read, read + count), written);
      read += n + 1;
      written += count;
    } else if (n !== -128) {
      out.fill(segment[read++]!, written, Math.min(written + 1 - n, length));
      written += 1 - n;
    }
  }
  if (written < length) throw new ThumbnailError(`an RLE segment decodes to ${written} of ${length} bytes`);
  return out;
}
