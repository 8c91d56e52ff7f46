import type { DataSet } from "dicom-parser";

/**
 * Clean Descriptors (PS3.15 E.3.5): descriptions are kept, with every
 * occurrence of this instance's identifying values taken out. Matching is on
 * the bytes, case-insensitive for ASCII letters only, so it works in any
 * character set without decoding. It cannot find what it does not know: a
 * nickname, a misspelt name, a date written in words, another person's name.
 */

/** Attributes whose values identify the patient, the people or the place, read from the instance. */
const IDENTIFYING_TAGS = [
  "x00100010", "x00101001", "x00101005", "x00101060", // patient names
  "x00100020", "x00101000", "x00100021", "x00101090", // patient IDs, issuer, record locator
  "x00100030", "x00080020", "x00080021", "x00080022", "x00080023", // birth date and the study's dates
  "x00080050", "x00200010", // accession number, study ID
  "x00080080", "x00080081", "x00081040", "x00081010", // institution, address, department, station
  "x00080090", "x00081048", "x00081050", "x00081060", "x00081070", "x00321032", // physicians and operators
  "x00101040", "x00102154", // patient address, telephone
];

const PERSON_NAME_TAGS = new Set(["x00100010", "x00101001", "x00101005", "x00101060", "x00080090", "x00081048", "x00081050", "x00081060", "x00081070", "x00321032"]);
const DATE_TAGS = new Set(["x00100030", "x00080020", "x00080021", "x00080022", "x00080023"]);
/** Name parts that are titles, not names, and would take common words out of descriptions. */
const NAME_TITLES = new Set(["dr", "mr", "mrs", "ms", "jr", "sr", "md", "phd", "prof"]);
/** Values shorter than this are too likely to occur by chance ("1", "A") to be removed from text. */
const MIN_VALUE_LENGTH = 3;
const MIN_NAME_PART_LENGTH = 2;

/** What to look for in descriptors: whole values (anywhere) and name parts (whole words only). */
export interface IdentifyingValues {
  values: string[];
  words: string[];
}

/** Collects the identifying values of the top-level data set, ASCII-lowercased, as latin1 strings (one char per byte). */
export function readIdentifyingValues(dataSet: DataSet): IdentifyingValues {
  const values = new Set<string>();
  const words = new Set<string>();
  for (const tag of IDENTIFYING_TAGS) {
    const element = dataSet.elements[tag];
    if (!element || element.items || element.length === 0) continue;
    const text = lowerAscii(Buffer.from(dataSet.byteArray.buffer, dataSet.byteArray.byteOffset + element.dataOffset, element.length).toString("latin1"));
    for (const value of text.split("\\").map((v) => v.replace(/[\0 ]+$/, "").trim())) {
      if (value.length >= MIN_VALUE_LENGTH) values.add(value);
      if (PERSON_NAME_TAGS.has(tag)) {
        for (const part of value.split(/[\^= ,]+/)) if (part.length >= MIN_NAME_PART_LENGTH && !NAME_TITLES.has(part)) words.add(part);
        values.add(value.replace(/\^+/g, " ").trim());
      }
      if (DATE_TAGS.has(tag)) for (const form of spellDate(value)) values.add(form);
    }
  }
  return { values: [...values].filter((v) => v.length >= MIN_VALUE_LENGTH), words: [...words] };
}

/** The usual ways a DA value is typed into free text. */
function spellDate(value: string): string[] {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value);
  if (!match) return [];
  const [, y, m, d] = match;
  return [`${y}${m}${d}`, `${y}-${m}-${d}`, `${y}.${m}.${d}`, `${y}/${m}/${d}`, `${d}.${m}.${y}`, `${d}/${m}/${y}`, `${m}/${d}/${y}`, `${d}-${m}-${y}`];
}

/** The text with every identifying value removed; spaces left doubled by a removal are closed up. */
export function cleanDescriptor(value: Uint8Array, identifying: IdentifyingValues): Uint8Array {
  const original = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("latin1");
  const lowered = lowerAscii(original);
  const remove = new Array<boolean>(original.length).fill(false);
  const mark = (start: number, length: number) => remove.fill(true, start, start + length);
  for (const needle of identifying.values) {
    for (let at = lowered.indexOf(needle); at >= 0; at = lowered.indexOf(needle, at + 1)) mark(at, needle.length);
  }
  for (const word of identifying.words) {
    for (let at = lowered.indexOf(word); at >= 0; at = lowered.indexOf(word, at + 1)) {
      if (!isWordChar(lowered[at - 1]) && !isWordChar(lowered[at + word.length])) mark(at, word.length);
    }
  }
  if (!remove.includes(true)) return value;
  const kept = [...original].filter((_, i) => !remove[i]).join("");
  return Buffer.from(kept.replace(/ {2,}/g, " ").replace(/^ +| +$/g, ""), "latin1");
}

function lowerAscii(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[a-z0-9]/.test(char);
}
