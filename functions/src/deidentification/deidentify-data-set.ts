import type { DataSet, Element } from "dicom-parser";
import type { DeidentificationOptions } from "@pacs/shared";
import { findDictionaryVR, KNOWN_VRS } from "../viewable/vr";
import { cleanDescriptor, type IdentifyingValues } from "./clean-descriptors";
import { shiftDate, shiftDateTime } from "./date-shift";
import { buildDummyValue, TEXT_VRS } from "./dummy-value";
import { parseUnknownSequence } from "./parse-unknown-sequence";
import { DeidentificationError } from "./errors";
import { findSafePrivateTags } from "./private-attributes";
import { findAction, findBasicAction, findProfileRow, isPrivateTag, parseTag, type ProfileAction, type ProfileRow } from "./profile";
import { isClassUidAttribute, replaceUid } from "./remap-uid";
import type { OutElement } from "./write-data-set";

/** Everything the profile needs while it walks one instance. */
export interface DeidentifyContext {
  key: Uint8Array;
  options: DeidentificationOptions;
  /** PatientName and PatientID, ASCII. */
  pseudonym: Uint8Array;
  shiftDays: number;
  identifying: IdentifyingValues;
  /** Whether binary values of the source are little endian (a UN sequence's implicit bytes are). */
  littleEndian: boolean;
  /** Attributes changed so far, nested ones included. */
  changed: number;
}

const PATIENT_NAME = 0x00100010;
const PATIENT_ID = 0x00100020;
const PIXEL_DATA = "x7fe00010";
const EMPTY = new Uint8Array(0);

/**
 * Applies table E.1-1 to every element of a data set, and to the items of
 * its sequences. `clean` is set inside a sequence that Clean Descriptors keeps
 * (coded reasons, request attributes): its free text is cleaned too.
 */
export function deidentifyDataSet(dataSet: DataSet, context: DeidentifyContext, clean: boolean): OutElement[] {
  const out: OutElement[] = [];
  const safePrivate = context.options.retainSafePrivate ? findSafePrivateTags(dataSet) : new Set<string>();
  for (const tag of Object.keys(dataSet.elements)) {
    const element = dataSet.elements[tag]!;
    const number = parseTag(tag);
    // Group lengths are retired and would be wrong after the rewrite; items and delimiters are rebuilt by the writer.
    if ((number & 0xffff) === 0 || number >>> 16 === 0xfffe || number >>> 16 === 0x0002) continue;
    if (isPrivateTag(number)) {
      if (safePrivate.has(tag)) out.push(...keepElement(dataSet, element, number, context, clean));
      else context.changed += 1;
      continue;
    }
    out.push(...deidentifyElement(dataSet, element, number, context, clean));
  }
  return out;
}

function deidentifyElement(dataSet: DataSet, element: Element, tag: number, context: DeidentifyContext, clean: boolean): OutElement[] {
  const vr = findSemanticVR(element);
  if (tag === PATIENT_NAME || tag === PATIENT_ID) {
    const value = readValue(dataSet, element);
    if (!sameBytes(trimPadding(value), context.pseudonym)) context.changed += 1;
    return [{ tag, vr: writtenVR(element, vr), value: context.pseudonym }];
  }
  // Every element of an overlay group goes with its data: an overlay without Overlay Data is a broken one.
  if (isOverlayGroup(tag)) {
    context.changed += 1;
    return [];
  }
  const row = findProfileRow(tag);
  if (!row) return keepUnlisted(dataSet, element, tag, vr, context, clean);
  return applyAction(findAction(row, context.options, vr), row, dataSet, element, tag, vr, context);
}

function applyAction(action: ProfileAction, row: ProfileRow, dataSet: DataSet, element: Element, tag: number, vr: string, context: DeidentifyContext): OutElement[] {
  const written = writtenVR(element, vr);
  switch (action) {
    case "X":
      context.changed += 1;
      return [];
    case "Z":
      if (element.length > 0 || (element.items?.length ?? 0) > 0) context.changed += 1;
      return [vr === "SQ" ? { tag, vr: "SQ", items: [] } : { tag, vr: written, value: EMPTY }];
    case "D":
      context.changed += 1;
      if (vr === "SQ") return [{ tag, vr: "SQ", items: [[]] }];
      if (vr === "UI") return [{ tag, vr: written, value: remapValues(readValue(dataSet, element), context, true) }];
      return [{ tag, vr: written, value: buildDummyValue(vr) }];
    case "K":
      return keepElement(dataSet, element, tag, context, false);
    case "U":
      if (vr === "SQ") return keepElement(dataSet, element, tag, context, false);
      if (vr !== "UI") return applyAction("X", row, dataSet, element, tag, vr, context);
      return [changedValue(tag, written, readValue(dataSet, element), remapValues(readValue(dataSet, element), context, true), context)];
    case "C":
      return cleanElement(row, dataSet, element, tag, vr, context);
  }
}

/** C: dates move, times stay, text loses identifying values, sequences are cleaned inside; anything else takes the basic action. */
function cleanElement(row: ProfileRow, dataSet: DataSet, element: Element, tag: number, vr: string, context: DeidentifyContext): OutElement[] {
  if (vr === "SQ") return keepElement(dataSet, element, tag, context, true);
  const value = readValue(dataSet, element);
  const written = writtenVR(element, vr);
  if (vr === "DA" || vr === "DT") return [changedValue(tag, written, value, shiftValues(value, vr, context.shiftDays), context)];
  if (vr === "TM") return [{ tag, vr: written, value }];
  if (TEXT_VRS.has(vr)) return [changedValue(tag, written, value, cleanDescriptor(value, context.identifying), context)];
  return applyAction(findBasicAction(row), row, dataSet, element, tag, vr, context);
}

/**
 * An attribute the profile does not list is kept (PS3.15 E.1.1), with three
 * precautions: its UIDs are remapped unless well known (remapValues), its
 * dates are shifted (a kept real date would undo the other dates' removal),
 * and inside a cleaned sequence its text is cleaned.
 */
function keepUnlisted(dataSet: DataSet, element: Element, tag: number, vr: string, context: DeidentifyContext, clean: boolean): OutElement[] {
  if (vr === "SQ" || element.items) return keepElement(dataSet, element, tag, context, clean);
  if (element.encapsulatedPixelData || element.tag === PIXEL_DATA) return keepElement(dataSet, element, tag, context, clean);
  const value = readValue(dataSet, element);
  const written = writtenVR(element, vr);
  if (vr === "UI") return [changedValue(tag, written, value, remapValues(value, context, false, element.tag), context)];
  if (vr === "DA" || vr === "DT") return [changedValue(tag, written, value, shiftValues(value, vr, context.shiftDays), context)];
  if (clean && TEXT_VRS.has(vr)) return [changedValue(tag, written, value, cleanDescriptor(value, context.identifying), context)];
  return [{ tag, vr: written, value }];
}

/** Keeps an element; a sequence keeps its items, each de-identified in turn. */
function keepElement(dataSet: DataSet, element: Element, tag: number, context: DeidentifyContext, clean: boolean): OutElement[] {
  if (element.encapsulatedPixelData) {
    // The element keeps its own VR too, even the OW a few writers use instead of OB (PS3.5 §A.4): the element stays byte for byte.
    return [{ tag, vr: element.vr ?? "OB", encapsulated: readEncapsulated(dataSet, element) }];
  }
  const items = element.items ?? (findSemanticVR(element) === "SQ" ? readUnknownItems(dataSet, element, context) : undefined);
  if (items === null) {
    context.changed += 1;
    return [];
  }
  if (items) return [{ tag, vr: "SQ", items: items.map((item) => (item.dataSet ? deidentifyDataSet(item.dataSet, context, clean) : [])) }];
  return [{ tag, vr: writtenVR(element, findSemanticVR(element)), value: readValue(dataSet, element) }];
}

/** The offset table, fragments and sequence delimiter, byte for byte; a stream cut before its delimiter cannot be rewritten. */
function readEncapsulated(dataSet: DataSet, element: Element): Uint8Array {
  const value = dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
  const end = value.subarray(value.length - 8);
  const delimited = end.length === 8 && end[0] === 0xfe && end[1] === 0xff && end[2] === 0xdd && end[3] === 0xe0;
  if (!delimited) throw new DeidentificationError("the encapsulated pixel data ends without its sequence delimiter (the file is cut short)");
  return value;
}

/**
 * A sequence stored as UN (or not recognised in implicit VR) has implicit VR
 * little endian items (PS3.5 §6.2.2). They are parsed so the profile reaches
 * inside; null (the sequence is removed) when that fails or the file is big
 * endian, where those bytes could not be written back consistently.
 */
function readUnknownItems(dataSet: DataSet, element: Element, context: DeidentifyContext): Element[] | null {
  if (element.length === 0) return [];
  if (!context.littleEndian) return null;
  return parseUnknownSequence(dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length)) ?? null;
}

/** The VR the profile reasons with: the element's own, or the dictionary's where the file says UN or nothing (implicit VR). */
function findSemanticVR(element: Element): string {
  if (element.items) return "SQ";
  if (element.vr && element.vr !== "UN" && KNOWN_VRS.has(element.vr)) return element.vr;
  return findDictionaryVR(element.tag);
}

/** The VR written in explicit VR output: the file's own when valid, so unchanged elements stay as they were. */
function writtenVR(element: Element, semantic: string): string {
  return element.vr && KNOWN_VRS.has(element.vr) && element.vr !== "SQ" ? element.vr : semantic;
}

function readValue(dataSet: DataSet, element: Element): Uint8Array {
  return dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length);
}

function changedValue(tag: number, vr: string, before: Uint8Array, after: Uint8Array, context: DeidentifyContext): OutElement {
  if (!sameBytes(before, after)) context.changed += 1;
  return { tag, vr, value: after };
}

/** Replaces each UID of a value (replaceUid: those under the DICOM root stay); an unlisted class-like attribute keeps its UIDs. */
function remapValues(value: Uint8Array, context: DeidentifyContext, listed: boolean, tag = ""): Uint8Array {
  const text = latin1(trimPadding(value));
  if (text === "" || (!listed && isClassUidAttribute(tag))) return value;
  return Buffer.from(text.split("\\").map((uid) => replaceUid(context.key, uid.trim())).join("\\"), "latin1");
}

/** Every value moved by the shift; a value that is not a date empties the element rather than survive unshifted. */
function shiftValues(value: Uint8Array, vr: string, days: number): Uint8Array {
  const text = latin1(trimPadding(value)).trim();
  if (text === "") return value;
  const shifted = text.split("\\").map((v) => (vr === "DA" ? shiftDate(v, days) : shiftDateTime(v, days)));
  return shifted.every((v) => v !== undefined) ? Buffer.from(shifted.join("\\"), "latin1") : EMPTY;
}

function isOverlayGroup(tag: number): boolean {
  const group = tag >>> 16;
  return group >= 0x6000 && group <= 0x601e && (group & 1) === 0;
}

function trimPadding(value: Uint8Array): Uint8Array {
  let end = value.length;
  while (end > 0 && (value[end - 1] === 0x00 || value[end - 1] === 0x20)) end -= 1;
  return value.subarray(0, end);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
}
