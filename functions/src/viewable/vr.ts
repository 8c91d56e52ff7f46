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

/**
 * The VR of attributes whose encoding matters to a reader, for elements whose
 * own VR code is nonsense (and for implicit VR items). Binary image attributes
 * and common sequences; anything else unknown is written as UN, which every
 * reader accepts. From PS3.6, the data dictionary.
 */
const DICTIONARY_VR: Record<string, string> = {
  x00080005: "CS", x00080008: "CS", x00080016: "UI", x00080018: "UI", x00080020: "DA", x00080030: "TM",
  x00080050: "SH", x00080060: "CS", x00080090: "PN", x00081030: "LO", x0008103e: "LO",
  x00081110: "SQ", x00081111: "SQ", x00081115: "SQ", x00081120: "SQ", x00081140: "SQ", x00081150: "UI", x00081155: "UI",
  x00082112: "SQ", x00089215: "SQ", x00100010: "PN", x00100020: "LO", x00100030: "DA", x00100040: "CS", x00101010: "AS",
  x00180015: "CS", x00180050: "DS", x00180088: "DS", x00181164: "DS", x00185100: "CS",
  x0020000d: "UI", x0020000e: "UI", x00200010: "SH", x00200011: "IS", x00200012: "IS", x00200013: "IS",
  x00200032: "DS", x00200037: "DS", x00200052: "UI", x00201041: "DS", x00209111: "SQ", x00209113: "SQ", x00209116: "SQ",
  x00280002: "US", x00280004: "CS", x00280006: "US", x00280008: "IS", x00280009: "AT", x00280010: "US", x00280011: "US",
  x00280030: "DS", x00280034: "IS", x00280100: "US", x00280101: "US", x00280102: "US", x00280103: "US",
  x00280106: "US", x00280107: "US", x00280108: "US", x00280109: "US", x00280120: "US", x00281050: "DS", x00281051: "DS",
  x00281052: "DS", x00281053: "DS", x00281101: "US", x00281102: "US", x00281103: "US", x00281201: "OW", x00281202: "OW",
  x00281203: "OW", x00283000: "SQ", x00283002: "US", x00283006: "US", x00283010: "SQ", x00289110: "SQ", x00289132: "SQ",
  x00289145: "SQ", x00540016: "SQ", x00540081: "US", x00540400: "SH", x30040002: "CS", x30040004: "CS", x3004000a: "CS",
  x3004000c: "DS", x3004000e: "DS", x300c0002: "SQ", x300c0004: "SQ", x300c0006: "IS", x300c0020: "SQ", x300c0022: "IS",
  x52009229: "SQ", x52009230: "SQ", x7fe00008: "OF", x7fe00009: "OD", x7fe00010: "OW",
};

/** The dictionary VR of a tag (dicomParser's "xggggeeee" form), or UN when we do not know it. */
export function findDictionaryVR(tag: string): string {
  const group = tag.slice(1, 5);
  // Overlay Data (60xx,3000) and the repeating overlay attributes.
  if (/^60[0-9a-f][02468ace]$/.test(group) && tag.slice(5) === "3000") return "OW";
  return DICTIONARY_VR[tag] ?? "UN";
}
