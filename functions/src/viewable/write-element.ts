import { LONG_LENGTH_VRS } from "./vr";

/** Bytes written in pieces and joined once, so pixel data is copied a single time. */
export type Chunks = Uint8Array[];

export const UNDEFINED_LENGTH = 0xffffffff;
const MAX_SHORT_LENGTH = 0xfffe;

export function byteLengthOf(chunks: Chunks): number {
  return chunks.reduce((sum, chunk) => sum + chunk.length, 0);
}

/** Splits dicomParser's "xggggeeee" into group and element numbers. */
export function splitTag(tag: string): [number, number] {
  return [parseInt(tag.slice(1, 5), 16), parseInt(tag.slice(5, 9), 16)];
}

/** An item, item delimiter or sequence delimiter header: tag and 32-bit length, always little endian (PS3.5 §7.5). */
export function buildItemHeader(element: number, length: number): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfffe, true);
  view.setUint16(2, element, true);
  view.setUint32(4, length, true);
  return out;
}

/**
 * The header of one explicit VR little endian element (PS3.5 §7.1.2). A
 * value too long for the 16-bit length of its VR is written as UN, the only
 * lossless way out.
 */
export function buildElementHeader(tag: string, vr: string, length: number): Uint8Array {
  const written = !LONG_LENGTH_VRS.has(vr) && length > MAX_SHORT_LENGTH ? "UN" : vr;
  const long = LONG_LENGTH_VRS.has(written);
  const out = new Uint8Array(long ? 12 : 8);
  const view = new DataView(out.buffer);
  const [group, element] = splitTag(tag);
  view.setUint16(0, group, true);
  view.setUint16(2, element, true);
  out[4] = written.charCodeAt(0);
  out[5] = written.charCodeAt(1);
  if (long) view.setUint32(8, length, true);
  else view.setUint16(6, length, true);
  return out;
}

/** Reverses the byte order of every `unit`-byte word: big endian values become little endian. */
export function swapBytes(bytes: Uint8Array, unit: number): Uint8Array {
  const out = new Uint8Array(bytes.length - (bytes.length % unit));
  for (let offset = 0; offset < out.length; offset += unit) {
    for (let i = 0; i < unit; i += 1) out[offset + i] = bytes[offset + unit - 1 - i]!;
  }
  return out;
}

/** Pads a value to even length as PS3.5 §6.2 says: NUL for UI and binary, space for text. */
export function padEven(bytes: Uint8Array, vr: string): Uint8Array {
  if (bytes.length % 2 === 0) return bytes;
  const out = new Uint8Array(bytes.length + 1);
  out.set(bytes);
  out[bytes.length] = vr === "UI" || vr === "OB" || vr === "UN" ? 0x00 : 0x20;
  return out;
}
