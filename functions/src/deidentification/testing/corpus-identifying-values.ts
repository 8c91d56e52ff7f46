import type { RawDataSet, RawElement } from "./corpus-read-data-set";

/**
 * The identifying values the corpus test searches for in every de-identified
 * file, as bytes in the original's own encoding (so an ISO 2022 Japanese name
 * is searched with its escape sequences, as it would leak).
 */
export const IDENTIFYING_ATTRIBUTES = {
  PatientName: "00100010",
  PatientID: "00100020",
  PatientBirthDate: "00100030",
  AccessionNumber: "00080050",
  InstitutionName: "00080080",
  ReferringPhysicianName: "00080090",
  OtherPatientIDs: "00101000",
} as const;

const PERSON_NAME_TAGS = new Set<string>([IDENTIFYING_ATTRIBUTES.PatientName, IDENTIFYING_ATTRIBUTES.ReferringPhysicianName]);

/** Shorter values are not searched: "1" or "M" would be found in any file. */
export const MIN_SEARCHED_LENGTH = 3;

export interface IdentifyingValue {
  attribute: keyof typeof IDENTIFYING_ATTRIBUTES;
  /** The value as written, latin1-decoded (for messages only). */
  text: string;
  bytes: Buffer;
}

const ESC = 0x1b;
const BACKSLASH = 0x5c;
const EQUALS = 0x3d;
const CARET = 0x5e;

/**
 * Every searchable value of the seven attributes, at any depth of the data
 * set: each value of a multi-valued one; for person names the full value and
 * each component group (alphabetic, ideographic, phonetic). Values shorter
 * than MIN_SEARCHED_LENGTH (delimiters and spaces not counted) or equal to
 * the pseudonym are left out.
 */
export function findIdentifyingValues(data: RawDataSet, pseudonym: string): IdentifyingValue[] {
  const byTag = new Map<string, keyof typeof IDENTIFYING_ATTRIBUTES>(
    Object.entries(IDENTIFYING_ATTRIBUTES).map(([name, tag]) => [tag, name as keyof typeof IDENTIFYING_ATTRIBUTES]),
  );
  const found = new Map<string, IdentifyingValue>();
  const add = (attribute: keyof typeof IDENTIFYING_ATTRIBUTES, bytes: Buffer) => {
    const trimmed = trimPadding(bytes);
    const content = [...trimmed].filter((byte) => byte !== CARET && byte !== 0x20 && byte !== EQUALS).length;
    if (content < MIN_SEARCHED_LENGTH || trimmed.toString("latin1") === pseudonym) return;
    const key = `${attribute}:${trimmed.toString("hex")}`;
    if (!found.has(key)) found.set(key, { attribute, text: trimmed.toString("latin1"), bytes: trimmed });
  };
  for (const element of data.elements) {
    const attribute = byTag.get(element.tag);
    if (!attribute || element.vr === "SQ") continue;
    for (const value of splitOutsideMultiByte(valueBytes(data, element), BACKSLASH)) {
      add(attribute, value);
      if (!PERSON_NAME_TAGS.has(element.tag)) continue;
      for (const group of splitOutsideMultiByte(value, EQUALS)) add(attribute, group);
    }
  }
  return [...found.values()];
}

function valueBytes(data: RawDataSet, element: RawElement): Buffer {
  return Buffer.from(data.body.buffer, data.body.byteOffset + element.valueStart, element.valueEnd - element.valueStart);
}

function trimPadding(bytes: Buffer): Buffer {
  let start = 0;
  let end = bytes.length;
  while (start < end && (bytes[start] === 0x20 || bytes[start] === 0)) start++;
  while (end > start && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end--;
  return bytes.subarray(start, end);
}

/**
 * Splits on a delimiter byte, except inside a two-byte G0 run of ISO 2022
 * (ESC $ ... up to ESC ( ...), where 0x5C or 0x3D is half of a character
 * (PS3.5 §6.1.2.5.3: delimiters are always written in the single-byte set).
 */
export function splitOutsideMultiByte(bytes: Buffer, delimiter: number): Buffer[] {
  const parts: Buffer[] = [];
  let multiByte = false;
  let start = 0;
  for (let index = 0; index < bytes.length; index++) {
    const byte = bytes[index];
    if (byte === ESC) {
      const next = bytes[index + 1];
      if (next === 0x24 && bytes[index + 2] !== 0x29) multiByte = true; // ESC $ B, ESC $ @, ESC $ ( D
      if (next === 0x28) multiByte = false; // ESC ( B, ESC ( J
      continue;
    }
    if (byte === delimiter && !multiByte) {
      parts.push(bytes.subarray(start, index));
      start = index + 1;
    }
  }
  parts.push(bytes.subarray(start));
  return parts;
}

export interface Occurrence {
  offset: number;
  /** Where the hit lies in the searched bytes. */
  where: string;
}

/** Every offset of `needle` in `haystack`. */
export function findOccurrences(haystack: Uint8Array, needle: Buffer): number[] {
  const buffer = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  const offsets: number[] = [];
  for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + 1)) offsets.push(at);
  return offsets;
}
