import { data } from "dcmjs";
/**
 * Value representations (PS3.5 §6.2) as the viewer-ready copy needs them:
 * which codes exist, which take the 4-byte length form, and how binary
 * values are laid out so that big endian ones can be swapped.
 * @see https://dicom.nema.org/medical/dicom/current/output/chtml/part05/sect_6.2.html
 */

export const KNOWN_VRS = new Set([
  "AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL", "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW",
  "PN", "SH", "SL", "SQ", "SS", "ST", "SV", "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV",
]);

/** VRs written with a reserved field and a 32-bit length in explicit VR (PS3.5 §7.1.2). */
export const LONG_LENGTH_VRS = new Set(["OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV"]);

/**
 * Bytes per value of the binary VRs, which is also the unit a big endian value
 * is swapped by. AT is two 16-bit numbers (group, element), so it swaps by 2.
 */
export const SWAP_UNIT: Record<string, number> = {
  US: 2, SS: 2, OW: 2, AT: 2,
  UL: 4, SL: 4, FL: 4, OF: 4, OL: 4,
  FD: 8, OD: 8, SV: 8, UV: 8, OV: 8,
};

/** A value of these VRs must be a whole number of this many bytes. */
export const VALUE_SIZE: Record<string, number> = { ...SWAP_UNIT, AT: 4 };

/** Age String is always four characters, "nnnD/W/M/Y" (PS3.5 Table 6.2-1). */
export const AGE_STRING_LENGTH = 4;

/** dcmjs's copy of the PS3.6 data dictionary, keyed "(GGGG,EEEE)". */
const DICTIONARY = data.DicomMetaDictionary.dictionary as Record<string, { vr?: string } | undefined>;

/**
 * The dictionary VR of a tag (dicomParser's "xggggeeee" form), for elements
 * whose own VR is nonsense or UN (some writers, GDCM among them, store whole
 * data sets as UN, which the browser's dcmjs reader then cannot use). UN when
 * the tag is private or its VR depends on the data ("US or SS").
 */
export function findDictionaryVR(tag: string): string {
  const group = tag.slice(1, 5);
  // Overlay Data (60xx,3000) and the repeating overlay attributes.
  if (/^60[0-9a-f][02468ace]$/.test(group) && tag.slice(5) === "3000") return "OW";
  const vr = DICTIONARY[`(${group.toUpperCase()},${tag.slice(5).toUpperCase()})`]?.vr;
  return vr && KNOWN_VRS.has(vr) ? vr : "UN";
}
