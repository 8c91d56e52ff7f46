import { requireKeyword } from "./dicom-dictionary";

/**
 * Attributes by keyword as this archive stores them (studies.ts): strings,
 * numbers, or arrays of them for multi-valued attributes. `undefined` means
 * "known, but empty": DICOM JSON then carries the VR with no Value, as a
 * Type 2 attribute is returned (PS3.18 §F.2.5).
 */
export type NaturalValue = string | number | readonly (string | number)[] | undefined;
export type NaturalDataset = Record<string, NaturalValue>;

/** PS3.18 §F.2.7: a person name as its three component groups. */
export interface PersonNameJson {
  Alphabetic?: string;
  Ideographic?: string;
  Phonetic?: string;
}

export interface DicomJsonElement {
  vr: string;
  Value?: Array<string | number | PersonNameJson>;
  BulkDataURI?: string;
}
/** One data set in the DICOM JSON model (PS3.18 Annex F), keyed by tag. */
export type DicomJsonDataset = Record<string, DicomJsonElement>;

/** VRs whose JSON values are numbers (PS3.18 §F.2.3). */
const NUMBER_VRS = new Set(["IS", "DS", "US", "SS", "UL", "SL", "FL", "FD", "UV", "SV"]);
/** VRs that hold exactly one value even when it contains a backslash (PS3.5 §6.2). */
const SINGLE_VALUE_VRS = new Set(["LT", "ST", "UT", "UR", "OB", "OW", "OF", "OD", "OL", "OV", "UN"]);

/** "Yamada^Tarou=山田^太郎=やまだ^たろう" as its groups; empty groups are left out. */
export function buildPersonNameJson(name: string): PersonNameJson {
  const [alphabetic, ideographic, phonetic] = name.split("=");
  return {
    ...(alphabetic ? { Alphabetic: alphabetic } : {}),
    ...(ideographic ? { Ideographic: ideographic } : {}),
    ...(phonetic ? { Phonetic: phonetic } : {}),
  };
}

function valuesOf(value: NaturalValue, vr: string): Array<string | number> {
  if (value === undefined || value === "") return [];
  if (Array.isArray(value)) return value as Array<string | number>;
  // A stored string with backslashes is a multi-valued attribute in its DICOM form.
  if (typeof value === "string" && !SINGLE_VALUE_VRS.has(vr)) return value.split("\\");
  return [value as string | number];
}

function jsonValue(value: string | number, vr: string): string | number | PersonNameJson | null {
  if (NUMBER_VRS.has(vr)) {
    const number = typeof value === "number" ? value : Number(value.trim());
    return Number.isFinite(number) ? number : null;
  }
  if (vr === "PN") return buildPersonNameJson(String(value));
  return String(value);
}

/** One attribute in the DICOM JSON model, its VR from the data dictionary. */
export function buildDicomJsonElement(keyword: string, value: NaturalValue): [string, DicomJsonElement] {
  const { tag, vr } = requireKeyword(keyword);
  const values = valuesOf(value, vr).map((v) => jsonValue(v, vr));
  // A value that is not a number where one is due (a damaged IS) is sent as null, which PS3.18 §F.2.5 allows for an empty value.
  return [tag, values.length ? { vr, Value: values as Array<string | number | PersonNameJson> } : { vr }];
}

/**
 * A data set in the DICOM JSON model, its attributes in tag order (as PS3.18
 * §F.2 shows and Orthanc answers). `keywords` picks which attributes, in any
 * order; without it every attribute of `natural` is written.
 */
export function buildDicomJson(natural: NaturalDataset, keywords: Iterable<string> = Object.keys(natural)): DicomJsonDataset {
  const elements = [...new Set(keywords)].map((keyword) => buildDicomJsonElement(keyword, natural[keyword]));
  elements.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(elements);
}
