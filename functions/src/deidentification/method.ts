import type { DeidentificationOptions } from "@pacs/shared";
import type { OutElement } from "./write-data-set";

/**
 * What the de-identified instance says about itself (PS3.3 C.7.1.1,
 * Patient Identification; PS3.16 CID 7050 De-identification Method): the
 * profile and each option applied, in words and in codes.
 */

/** DCM codes of CID 7050, the basic profile first, then one per option in DEIDENTIFICATION_OPTION_KEYS order. */
export const METHOD_CODES: Array<{ option?: keyof DeidentificationOptions; code: string; meaning: string }> = [
  { code: "113100", meaning: "Basic Application Confidentiality Profile" },
  { option: "retainLongitudinalModifiedDates", code: "113107", meaning: "Retain Longitudinal Temporal Information Modified Dates Option" },
  { option: "retainPatientCharacteristics", code: "113108", meaning: "Retain Patient Characteristics Option" },
  { option: "retainDeviceIdentity", code: "113109", meaning: "Retain Device Identity Option" },
  { option: "cleanDescriptors", code: "113105", meaning: "Clean Descriptors Option" },
  { option: "retainSafePrivate", code: "113111", meaning: "Retain Safe Private Option" },
];

/** The profile edition of the vendored table (profile/SOURCE.md). */
export const PROFILE_EDITION = "2024b";

const text = (value: string) => Buffer.from(value, "latin1");

/**
 * PatientName and PatientID (the pseudonym), PatientIdentityRemoved YES,
 * DeidentificationMethod (one LO value per line of the method, each within
 * 64 characters), DeidentificationMethodCodeSequence and
 * LongitudinalTemporalInformationModified. They replace any the source had.
 */
export function buildMethodElements(options: DeidentificationOptions, pseudonym: Uint8Array): OutElement[] {
  const used = METHOD_CODES.filter((entry) => entry.option === undefined || options[entry.option]);
  const method = [`DICOM PS3.15 ${PROFILE_EDITION} Basic Profile`, ...used.slice(1).map((entry) => entry.meaning.replace(/ Option$/, ""))];
  return [
    { tag: 0x00100010, vr: "PN", value: pseudonym },
    { tag: 0x00100020, vr: "LO", value: pseudonym },
    { tag: 0x00120062, vr: "CS", value: text("YES") },
    { tag: 0x00120063, vr: "LO", value: text(method.join("\\")) },
    {
      tag: 0x00120064,
      vr: "SQ",
      items: used.map((entry) => [
        { tag: 0x00080100, vr: "SH", value: text(entry.code) },
        { tag: 0x00080102, vr: "SH", value: text("DCM") },
        { tag: 0x00080104, vr: "LO", value: text(entry.meaning) },
      ]),
    },
    { tag: 0x00280303, vr: "CS", value: text(options.retainLongitudinalModifiedDates ? "MODIFIED" : "REMOVED") },
  ];
}
