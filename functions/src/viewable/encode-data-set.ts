import type { DataSet, Element } from "dicom-parser";
import { buildElementHeader, buildItemHeader, byteLengthOf, padEven, swapBytes, UNDEFINED_LENGTH, type Chunks } from "./write-element";
import { AGE_STRING_LENGTH, findDictionaryVR, KNOWN_VRS, SWAP_UNIT, VALUE_SIZE } from "./vr";


export interface EncodeOptions {
  /** The source data set is explicit VR big endian: binary values are swapped. */
  bigEndian: boolean;
}

/**
 * Re-encodes a data set parsed by dicomParser in explicit VR little endian,
 * element by element, in tag order. Group lengths (gggg,0000) are left out:
 * they are retired in data sets and would be wrong after re-encoding. The
 * file meta group is written separately.
 */
export function encodeDataSet(dataSet: DataSet, options: EncodeOptions, topLevel: boolean): Chunks {
  const chunks: Chunks = [];
  for (const tag of Object.keys(dataSet.elements).sort()) {
    // Item delimiters (FFFE,E00D) appear as elements in dicomParser's items; items are rewritten with defined lengths.
    if (tag.slice(5) === "0000" || tag.startsWith("xfffe") || (topLevel && tag.startsWith("x0002"))) continue;
    if (isOpaqueSequence(dataSet.elements[tag]!)) continue;
    chunks.push(...encodeElement(dataSet, dataSet.elements[tag]!, options));
  }
  return chunks;
}

/**
 * A sequence the source stored as UN (or in implicit VR with a defined length),
 * so its items were never parsed: its bytes are implicit VR items, which a
 * reader of an explicit VR file (the browser's dcmjs) cannot follow, and it
 * loses its place in the file. The viewer needs no such sequence (references
 * to plans, source images...): the copy leaves it out; the original keeps it.
 */
function isOpaqueSequence(element: Element): boolean {
  return !element.items && (element.vr === undefined || element.vr === "UN") && findDictionaryVR(element.tag) === "SQ";
}

function encodeElement(dataSet: DataSet, element: Element, options: EncodeOptions): Chunks {
  if (element.items) return encodeSequence(element, options);
  if (element.encapsulatedPixelData) return encodeEncapsulated(dataSet, element);
  const vr = chooseVR(element);
  const raw = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  const [writtenVR, value] = fixValue(vr, raw, options);
  const padded = padEven(value, writtenVR);
  return [buildElementHeader(element.tag, writtenVR, padded.length), padded];
}

/**
 * The element's own VR when it is a real one; otherwise the dictionary's,
 * else UN (PS3.5 §6.2.2: a reader must accept UN for anything).
 */
function chooseVR(element: Element): string {
  if (element.vr && element.vr !== "UN" && KNOWN_VRS.has(element.vr) && element.vr !== "SQ") return element.vr;
  const known = findDictionaryVR(element.tag);
  return known === "SQ" ? "UN" : known;
}

/** Byte order and length repairs of one value; returns the VR to write it with. */
function fixValue(vr: string, raw: Uint8Array, options: EncodeOptions): [string, Uint8Array] {
  if (vr === "AS") return ["AS", fixAgeString(raw)];
  const size = VALUE_SIZE[vr];
  if (size === undefined) return [vr, raw];
  // Too short to hold even one value: keep the bytes, but as UN, so no reader takes them for a number.
  if (raw.length > 0 && raw.length < size) return ["UN", raw];
  const whole = raw.subarray(0, raw.length - (raw.length % size));
  if (!options.bigEndian) return [vr, whole];
  // Pixel data is swapped by its VR like any value (PS3.5 §7.3): OW as 16-bit words, also when
  // BitsAllocated is 32. dcmtk and GDCM read big endian RT dose grids this way; some writers
  // swapped whole 32-bit values instead, and those files differ from their little endian twins
  // in every reader that follows the standard, ours included.
  return [vr, swapBytes(whole, SWAP_UNIT[vr]!)];
}

/** "45Y", "045Y  " or "045Y\0" become four characters; anything longer is kept as written. */
function fixAgeString(raw: Uint8Array): Uint8Array {
  let end = raw.length;
  while (end > 0 && (raw[end - 1] === 0x20 || raw[end - 1] === 0x00)) end -= 1;
  if (end === 0) return raw.subarray(0, 0);
  if (end > AGE_STRING_LENGTH) return raw;
  const out = new Uint8Array(AGE_STRING_LENGTH).fill(0x20);
  out.set(raw.subarray(0, end));
  return out;
}

/** Sequences and items get defined lengths; their items are re-encoded like the top level. */
function encodeSequence(element: Element, options: EncodeOptions): Chunks {
  const body: Chunks = [];
  for (const item of element.items ?? []) {
    const content = item.dataSet ? encodeDataSet(item.dataSet, options, false) : [];
    body.push(buildItemHeader(0xe000, byteLengthOf(content)), ...content);
  }
  return [buildElementHeader(element.tag, "SQ", byteLengthOf(body)), ...body];
}

/**
 * Encapsulated pixel data (PS3.5 §A.4) keeps its offset table and fragments
 * byte for byte; only the element around them is written again.
 */
function encodeEncapsulated(dataSet: DataSet, element: Element): Chunks {
  const table = new Uint8Array(4 * (element.basicOffsetTable?.length ?? 0));
  const view = new DataView(table.buffer);
  element.basicOffsetTable?.forEach((offset, i) => view.setUint32(4 * i, offset, true));
  const chunks: Chunks = [buildElementHeader(element.tag, "OB", UNDEFINED_LENGTH), buildItemHeader(0xe000, table.length), table];
  for (const fragment of element.fragments ?? []) {
    chunks.push(buildItemHeader(0xe000, fragment.length), dataSet.byteArray.subarray(fragment.position, fragment.position + fragment.length));
  }
  chunks.push(buildItemHeader(0xe0dd, 0));
  return chunks;
}
