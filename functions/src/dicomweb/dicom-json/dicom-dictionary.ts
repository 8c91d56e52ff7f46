import { data } from "dcmjs";

/**
 * The PS3.6 data dictionary (dcmjs's copy), asked both ways: by keyword
 * (`PatientName`) and by tag (`00100010`). QIDO-RS accepts either in a query
 * (PS3.18 §8.3.4.1), and the DICOM JSON model is keyed by tag with the VR
 * beside each value (PS3.18 Annex F), so no VR is written by hand here.
 */
export interface DictionaryEntry {
  keyword: string;
  /** Eight upper-case hex digits, as DICOM JSON keys are written. */
  tag: string;
  vr: string;
}

type RawEntry = { tag?: string; vr?: string; name?: string } | undefined;
// dcmjs publishes no types; its nameMap (keyword → entry) is read through this one cast.
const dictionary = data.DicomMetaDictionary as unknown as { nameMap: Record<string, RawEntry>; dictionary: Record<string, RawEntry> };

/** dcmjs writes VRs that depend on the data as "ox" or "xs"; DICOM JSON needs one. */
const CONCRETE_VR: Record<string, string> = { ox: "OW", xs: "US", "US or SS": "US", "OB or OW": "OW" };

function toEntry(raw: RawEntry): DictionaryEntry | undefined {
  const match = raw?.tag ? /^\(([0-9A-F]{4}),([0-9A-F]{4})\)$/i.exec(raw.tag) : null;
  if (!raw?.name || !raw.vr || !match) return undefined;
  return { keyword: raw.name, tag: `${match[1]}${match[2]}`.toUpperCase(), vr: CONCRETE_VR[raw.vr] ?? raw.vr };
}

/** Keywords already looked up: every result of a search names the same few dozen. */
const byKeyword = new Map<string, DictionaryEntry>();

/** The entry of a keyword, or undefined when PS3.6 has no such attribute. */
export function findByKeyword(keyword: string): DictionaryEntry | undefined {
  let entry = byKeyword.get(keyword);
  if (!entry && Object.prototype.hasOwnProperty.call(dictionary.nameMap, keyword)) {
    entry = toEntry(dictionary.nameMap[keyword]);
    if (entry) byKeyword.set(keyword, entry);
  }
  return entry;
}

/** The entry of a tag written `GGGGEEEE` (any case), or undefined when it is private or unknown. */
export function findByTag(tag: string): DictionaryEntry | undefined {
  if (!/^[0-9A-Fa-f]{8}$/.test(tag)) return undefined;
  const upper = tag.toUpperCase();
  return toEntry(dictionary.dictionary[`(${upper.slice(0, 4)},${upper.slice(4)})`]);
}

/** A query's attribute as PS3.18 lets a client name it: keyword or tag. */
export function findAttribute(keywordOrTag: string): DictionaryEntry | undefined {
  return /^[0-9A-Fa-f]{8}$/.test(keywordOrTag) ? findByTag(keywordOrTag) : findByKeyword(keywordOrTag);
}

/** The entry of a keyword this code names itself: a typo is a programming error, caught by the unit tests. */
export function requireKeyword(keyword: string): DictionaryEntry {
  const entry = findByKeyword(keyword);
  if (!entry) throw new Error(`dicom-dictionary: ${keyword} is not a PS3.6 keyword`);
  return entry;
}
