import { inflateRawSync } from "node:zlib";
import { findDictionaryVR, LONG_LENGTH_VRS } from "../../viewable/vr";

/**
 * A small Part 10 walker of its own for the corpus checks, so that the
 * de-identification engine is judged by code that shares nothing with it:
 * every element at every depth with its byte offsets, sequences and items
 * walked (PS3.5 §7.5), encapsulated pixel data kept as one span (PS3.5 §A.4).
 * It reads only what the checks need and throws on anything it cannot walk.
 */

const IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
const EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
const DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1.99";
const UNDEFINED = 0xffffffff;
const ITEM = "FFFEE000";
const ITEM_END = "FFFEE00D";
const SEQUENCE_END = "FFFEE0DD";

export interface RawElement {
  /** "GGGGEEEE", upper case. */
  tag: string;
  /** As written (explicit VR) or from the dictionary (implicit VR); "SQ" for a walked sequence. */
  vr: string;
  /** Tags from the top, with item numbers: "00081140[0]/00081155". */
  path: string;
  depth: number;
  /** Offsets in `RawDataSet.body`: the tag, the value, and just past the element (delimiters included). */
  start: number;
  valueStart: number;
  valueEnd: number;
  end: number;
}

export interface RawDataSet {
  transferSyntaxUID: string;
  /** The data set as walked: after the meta group, inflated for the deflated transfer syntax. */
  body: Uint8Array;
  elements: RawElement[];
  /** The meta group's values by tag. */
  meta: Map<string, string>;
  /** The meta group's elements, their offsets in the file (not in `body`). */
  metaElements: RawElement[];
}

export class CorpusReadError extends Error {}

interface Cursor {
  bytes: Uint8Array;
  view: DataView;
  little: boolean;
  explicit: boolean;
}

/**
 * Walks a whole Part 10 file (preamble, "DICM", meta group, data set). The
 * archive also stores bare data sets (pydicom's rtstruct.dcm): those are read
 * when `bare` is allowed, their encoding guessed from the first element.
 */
export function readRawDataSet(part10: Uint8Array, options: { bare?: boolean } = {}): RawDataSet {
  if (part10.length < 132 || latin1(part10.subarray(128, 132)) !== "DICM") {
    if (!options.bare) throw new CorpusReadError("no DICM marker at byte 128");
    return readBareDataSet(part10);
  }
  const fileCursor = makeCursor(part10, true, true);
  const meta = new Map<string, string>();
  const metaElements: RawElement[] = [];
  let position = 132;
  while (position + 8 <= part10.length && fileCursor.view.getUint16(position, true) === 0x0002) {
    const element = readElementHeader(fileCursor, position);
    meta.set(element.tag, latin1(part10.subarray(element.valueStart, element.valueEnd)).replace(/[\0 ]+$/, ""));
    metaElements.push({ tag: element.tag, vr: element.vr, path: element.tag, depth: 0, start: position, valueStart: element.valueStart, valueEnd: element.valueEnd, end: element.valueEnd });
    position = element.valueEnd;
  }
  const transferSyntaxUID = meta.get("00020010") ?? "";
  const deflated = transferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN;
  const body = deflated ? new Uint8Array(inflateRawSync(part10.subarray(position))) : part10.subarray(position);
  const cursor = makeCursor(body, transferSyntaxUID !== EXPLICIT_VR_BIG_ENDIAN, transferSyntaxUID !== IMPLICIT_VR_LITTLE_ENDIAN);
  const elements: RawElement[] = [];
  walkElements(cursor, 0, body.length, "", 0, elements, false);
  return { transferSyntaxUID, body, elements, meta, metaElements };
}

function readBareDataSet(bytes: Uint8Array): RawDataSet {
  if (bytes.length < 8) throw new CorpusReadError("too short for a data set");
  const explicit = LONG_LENGTH_VRS.has(latin1(bytes.subarray(4, 6))) || /^(AE|AS|AT|CS|DA|DS|DT|FL|FD|IS|LO|LT|PN|SH|SL|SS|ST|TM|UI|UL|US)$/.test(latin1(bytes.subarray(4, 6)));
  const little = bytes[0] !== 0 || bytes[1] === 0;
  const transferSyntaxUID = !explicit ? IMPLICIT_VR_LITTLE_ENDIAN : little ? "1.2.840.10008.1.2.1" : EXPLICIT_VR_BIG_ENDIAN;
  const elements: RawElement[] = [];
  walkElements(makeCursor(bytes, little, explicit), 0, bytes.length, "", 0, elements, false);
  return { transferSyntaxUID, body: bytes, elements, meta: new Map(), metaElements: [] };
}

function makeCursor(bytes: Uint8Array, little: boolean, explicit: boolean): Cursor {
  return { bytes, view: new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), little, explicit };
}

function readTag(cursor: Cursor, position: number): string {
  need(cursor, position, 4);
  const group = cursor.view.getUint16(position, cursor.little);
  const element = cursor.view.getUint16(position + 2, cursor.little);
  return hex4(group) + hex4(element);
}

function readElementHeader(cursor: Cursor, position: number): { tag: string; vr: string; length: number; valueStart: number; valueEnd: number } {
  const tag = readTag(cursor, position);
  const { view, little } = cursor;
  if (tag.startsWith("FFFE")) {
    need(cursor, position, 8);
    const length = view.getUint32(position + 4, little);
    return { tag, vr: "", length, valueStart: position + 8, valueEnd: length === UNDEFINED ? position + 8 : position + 8 + length };
  }
  let vr: string;
  let length: number;
  let valueStart: number;
  need(cursor, position, 8);
  if (cursor.explicit) {
    vr = latin1(cursor.bytes.subarray(position + 4, position + 6));
    if (LONG_LENGTH_VRS.has(vr) || !/^[A-Z]{2}$/.test(vr)) {
      need(cursor, position, 12);
      length = view.getUint32(position + 8, little);
      valueStart = position + 12;
    } else {
      length = view.getUint16(position + 6, little);
      valueStart = position + 8;
    }
  } else {
    vr = findDictionaryVR(`x${tag.toLowerCase()}`);
    length = view.getUint32(position + 4, little);
    valueStart = position + 8;
  }
  if (length !== UNDEFINED) need(cursor, valueStart, length);
  return { tag, vr, length, valueStart, valueEnd: length === UNDEFINED ? valueStart : valueStart + length };
}

/** Elements in [from, to) or up to an item delimiter (when `inItem` and the item has undefined length). */
function walkElements(cursor: Cursor, from: number, to: number, prefix: string, depth: number, out: RawElement[], stopAtItemEnd: boolean): number {
  let position = from;
  while (position < to) {
    const header = readElementHeader(cursor, position);
    if (header.tag === ITEM_END && stopAtItemEnd) return header.valueStart;
    if (header.tag.startsWith("FFFE")) throw new CorpusReadError(`unexpected delimiter ${header.tag} at ${position}`);
    const path = prefix + header.tag;
    if (header.tag === "7FE00010" && header.length === UNDEFINED) {
      const end = skipFragments(cursor, header.valueStart);
      out.push({ tag: header.tag, vr: header.vr, path, depth, start: position, valueStart: header.valueStart, valueEnd: end - 8, end });
      position = end;
      continue;
    }
    if (isSequence(cursor, header)) {
      const element: RawElement = { tag: header.tag, vr: "SQ", path, depth, start: position, valueStart: header.valueStart, valueEnd: 0, end: 0 };
      out.push(element);
      // CP-246: a UN sequence of undefined length is encoded implicit VR little endian.
      const inner = header.vr === "UN" && cursor.explicit ? makeCursor(cursor.bytes, true, false) : cursor;
      const { valueEnd, end } = walkItems(inner, header, path, depth, out);
      element.valueEnd = valueEnd;
      element.end = end;
      position = end;
      continue;
    }
    if (header.length === UNDEFINED) throw new CorpusReadError(`undefined length on ${header.tag} (${header.vr})`);
    out.push({ tag: header.tag, vr: header.vr, path, depth, start: position, valueStart: header.valueStart, valueEnd: header.valueEnd, end: header.valueEnd });
    position = header.valueEnd;
  }
  if (stopAtItemEnd) throw new CorpusReadError("item without its delimiter");
  return position;
}

function isSequence(cursor: Cursor, header: { tag: string; vr: string; length: number; valueStart: number }): boolean {
  if (header.vr === "SQ") return true;
  if (header.length === UNDEFINED) return header.vr === "UN" || !cursor.explicit;
  // Implicit VR: a private or unknown element whose value opens with an item is a sequence (as dicomParser guesses).
  return !cursor.explicit && header.vr === "UN" && header.length >= 8 && readTag(cursor, header.valueStart) === ITEM;
}

function walkItems(cursor: Cursor, header: { length: number; valueStart: number }, path: string, depth: number, out: RawElement[]): { valueEnd: number; end: number } {
  const definedEnd = header.length === UNDEFINED ? Number.POSITIVE_INFINITY : header.valueStart + header.length;
  let position = header.valueStart;
  for (let index = 0; position < definedEnd; index++) {
    const item = readElementHeader(cursor, position);
    if (item.tag === SEQUENCE_END) return { valueEnd: position, end: item.valueStart };
    if (item.tag !== ITEM) throw new CorpusReadError(`expected an item in ${path}, found ${item.tag}`);
    const prefix = `${path}[${index}]/`;
    position =
      item.length === UNDEFINED
        ? walkElements(cursor, item.valueStart, cursor.bytes.length, prefix, depth + 1, out, true)
        : walkElements(cursor, item.valueStart, item.valueEnd, prefix, depth + 1, out, false);
  }
  return { valueEnd: definedEnd, end: definedEnd };
}

/** Past the sequence delimiter of encapsulated pixel data (fragments are not walked). */
function skipFragments(cursor: Cursor, from: number): number {
  let position = from;
  for (;;) {
    const item = readElementHeader(cursor, position);
    if (item.tag === SEQUENCE_END) return item.valueStart;
    if (item.tag !== ITEM || item.length === UNDEFINED) throw new CorpusReadError(`bad pixel data fragment at ${position}`);
    need(cursor, item.valueStart, item.length);
    position = item.valueEnd;
  }
}

function need(cursor: Cursor, position: number, length: number): void {
  if (position + length > cursor.bytes.length) throw new CorpusReadError(`truncated: ${length} bytes needed at ${position}, ${cursor.bytes.length} in all`);
}

function hex4(value: number): string {
  return value.toString(16).toUpperCase().padStart(4, "0");
}

export function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}

/** A text value as written, trailing padding (NUL, space) removed. */
export function readText(data: RawDataSet, element: RawElement): string {
  return latin1(data.body.subarray(element.valueStart, element.valueEnd)).replace(/[\0 ]+$/, "");
}

/** The first top-level element with this tag, or undefined. */
export function findElement(data: RawDataSet, tag: string): RawElement | undefined {
  return data.elements.find((element) => element.depth === 0 && element.tag === tag);
}
