/**
 * Replacement values for action D (PS3.15 E.1-1: "a non-zero length value
 * that may be a dummy value and consistent with the VR"). They are plain
 * ASCII, valid under any SpecificCharacterSet, and say nothing about anyone.
 */

const TEXT_DUMMIES: Record<string, string> = {
  AE: "ANONYMOUS",
  AS: "000D",
  CS: "ANONYMIZED",
  DA: "19000101",
  DS: "0",
  DT: "19000101000000",
  IS: "0",
  LO: "ANONYMIZED",
  LT: "ANONYMIZED",
  PN: "ANONYMIZED",
  SH: "ANONYMIZED",
  ST: "ANONYMIZED",
  TM: "000000",
  UC: "ANONYMIZED",
  UR: "http://anonymized.invalid",
  UT: "ANONYMIZED",
};

/** Bytes of one zero value of each binary VR; UN and unknown VRs get two zero bytes. */
const BINARY_SIZES: Record<string, number> = {
  AT: 4, FD: 8, FL: 4, OB: 2, OD: 8, OF: 4, OL: 4, OV: 8, OW: 2, SL: 4, SS: 2, SV: 8, UL: 4, UN: 2, US: 2, UV: 8,
};

/** The dummy value of a VR (not UI, which is remapped, nor SQ, which gets an empty item). */
export function buildDummyValue(vr: string): Uint8Array {
  const text = TEXT_DUMMIES[vr];
  if (text !== undefined) return Buffer.from(text, "latin1");
  return new Uint8Array(BINARY_SIZES[vr] ?? 2);
}

/** VRs whose values are text in the character set of the data set, which Clean Descriptors may edit. */
export const TEXT_VRS = new Set(["AE", "CS", "LO", "LT", "PN", "SH", "ST", "UC", "UT"]);
