import { createHmac } from "node:crypto";
import { data } from "dcmjs";

/**
 * UID replacement (PS3.15 E.1-1 action U): a keyed HMAC, so the same key
 * gives the same new UID for the same old one in every instance of a study
 * (references keep resolving), and without the key nobody can go back.
 */

/**
 * "2.25." + the first 128 bits of HMAC-SHA256(key, uid) as a decimal number
 * (PS3.5 §B.2: a UID derived from a UUID-sized integer needs no registered root).
 */
export function remapUid(key: Uint8Array, uid: string): string {
  const digest = createHmac("sha256", key).update(uid, "latin1").digest();
  return `2.25.${BigInt(`0x${digest.subarray(0, 16).toString("hex")}`).toString(10)}`;
}

/** The root of every UID the standard itself defines (SOP classes, transfer syntaxes, DCM codes...). */
export const DICOM_ROOT = "1.2.840.10008.";

/**
 * The UID an instance gets in the copy: remapped, unless it is under the
 * DICOM root. The standard's own UIDs (a well-known frame of reference such
 * as Talairach, the standard colour palettes' instance UIDs) never identify
 * anyone, and no device may issue UIDs under that root. The data set, the
 * meta group and the engine's result all use this one rule.
 */
export function replaceUid(key: Uint8Array, uid: string): string {
  return uid === "" || uid.startsWith(DICOM_ROOT) ? uid : remapUid(key, uid);
}

const DICTIONARY = data.DicomMetaDictionary.dictionary as Record<string, { name?: string } | undefined>;

/**
 * Attributes whose UID names a kind of thing, not an instance: classes,
 * transfer syntaxes, coding schemes and the like, by their PS3.6 keyword.
 * A vendor's private SOP class (1.3.12.2...) must not be remapped either.
 */
const CLASS_KEYWORD = /(ClassUID|SyntaxUID|SchemeUID|CodingSchemeUID|ContextUID|MappingResourceUID|ContextGroupExtensionCreatorUID|PrivateInformationCreatorUID|ImplementationClassUID)s?$/;

/**
 * Whether an attribute the profile does not list holds class-like UIDs,
 * which are kept. Every other UID is remapped, listed or not (it may identify
 * an instance), except those under the DICOM root.
 */
export function isClassUidAttribute(tag: string): boolean {
  const name = DICTIONARY[`(${tag.slice(1, 5).toUpperCase()},${tag.slice(5, 9).toUpperCase()})`]?.name;
  return name !== undefined && CLASS_KEYWORD.test(name);
}
