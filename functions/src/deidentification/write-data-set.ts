import { LONG_LENGTH_VRS } from "../viewable/vr";
import { padEven, type Chunks } from "../viewable/write-element";

/**
 * Writes the de-identified data set in the source's own encoding (PS3.5
 * §7): implicit or explicit VR, little or big endian. Values are bytes
 * already in that byte order (copied from the source, or text, which has
 * none); only headers are built here. Sequences and items get undefined
 * lengths with delimiters, which every reader follows without a dictionary.
 */

export interface Encoding {
  explicitVR: boolean;
  littleEndian: boolean;
}

/** One element of the output; tags are 32-bit numbers (group << 16 | element). */
export type OutElement =
  | { tag: number; vr: string; value: Uint8Array }
  | { tag: number; vr: "SQ"; items: OutElement[][] }
  /** Encapsulated pixel data: the item structure after the header (offset table, fragments, delimiter), copied whole. */
  | { tag: number; vr: string; encapsulated: Uint8Array };

const UNDEFINED_LENGTH = 0xffffffff;
const MAX_SHORT_LENGTH = 0xfffe;
const ITEM = 0xfffee000;
const ITEM_DELIMITER = 0xfffee00d;
const SEQUENCE_DELIMITER = 0xfffee0dd;

/** The elements in ascending tag order (PS3.5 §7.1), each with its header. */
export function encodeElements(elements: readonly OutElement[], encoding: Encoding): Chunks {
  const chunks: Chunks = [];
  for (const element of [...elements].sort((a, b) => a.tag - b.tag)) {
    if ("items" in element) {
      chunks.push(buildHeader(element.tag, "SQ", UNDEFINED_LENGTH, encoding));
      for (const item of element.items) {
        chunks.push(buildItemHeader(ITEM, UNDEFINED_LENGTH, encoding), ...encodeElements(item, encoding), buildItemHeader(ITEM_DELIMITER, 0, encoding));
      }
      chunks.push(buildItemHeader(SEQUENCE_DELIMITER, 0, encoding));
    } else if ("encapsulated" in element) {
      chunks.push(buildHeader(element.tag, element.vr, UNDEFINED_LENGTH, encoding), element.encapsulated);
    } else {
      const value = padEven(element.value, element.vr);
      chunks.push(buildHeader(element.tag, element.vr, value.length, encoding), value);
    }
  }
  return chunks;
}

/** Item and delimiter tags follow the byte order of the transfer syntax and have no VR (PS3.5 §7.5). */
function buildItemHeader(tag: number, length: number, encoding: Encoding): Uint8Array {
  const out = new Uint8Array(8);
  const view = new DataView(out.buffer);
  writeTag(view, tag, encoding.littleEndian);
  view.setUint32(4, length, encoding.littleEndian);
  return out;
}

function buildHeader(tag: number, vr: string, length: number, encoding: Encoding): Uint8Array {
  if (!encoding.explicitVR) return buildItemHeader(tag, length, encoding);
  // A value too long for a 16-bit length can only be written as UN (as viewable/write-element.ts does).
  const written = /^[A-Z]{2}$/.test(vr) ? (!LONG_LENGTH_VRS.has(vr) && length > MAX_SHORT_LENGTH && length !== UNDEFINED_LENGTH ? "UN" : vr) : "UN";
  const long = LONG_LENGTH_VRS.has(written);
  const out = new Uint8Array(long ? 12 : 8);
  const view = new DataView(out.buffer);
  writeTag(view, tag, encoding.littleEndian);
  out[4] = written.charCodeAt(0);
  out[5] = written.charCodeAt(1);
  if (long) view.setUint32(8, length, encoding.littleEndian);
  else view.setUint16(6, length, encoding.littleEndian);
  return out;
}

function writeTag(view: DataView, tag: number, littleEndian: boolean): void {
  view.setUint16(0, tag >>> 16, littleEndian);
  view.setUint16(2, tag & 0xffff, littleEndian);
}

/** The file meta group (PS3.10 §7.1), always explicit VR little endian, with its group length. */
export function encodeMetaGroup(elements: readonly OutElement[]): Chunks {
  const encoding = { explicitVR: true, littleEndian: true };
  const body = encodeElements(elements, encoding);
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, body.reduce((sum, chunk) => sum + chunk.length, 0), true);
  return [...encodeElements([{ tag: 0x00020000, vr: "UL", value: length }], encoding), ...body];
}
