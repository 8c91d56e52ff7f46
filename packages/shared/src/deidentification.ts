import { z } from "zod";
import { DicomUID } from "./studies";

/**
 * De-identified sharing and export (docs/deidentification.md): the choices
 * the owner makes, shared by the dialogs and the server. The engine that
 * applies them lives in functions/src/deidentification/.
 */

/**
 * The options of PS3.15 Annex E the owner may add to the Basic Application
 * Level Confidentiality Profile. Each one keeps more than the basic profile.
 */
export const DeidentificationOptions = z.object({
  /** Retain Longitudinal Temporal Information with Modified Dates: every date moves by one per-share shift, so intervals hold. */
  retainLongitudinalModifiedDates: z.boolean().default(true),
  /** Retain Patient Characteristics: sex, age, size, weight... */
  retainPatientCharacteristics: z.boolean().default(false),
  /** Retain Device Identity: station name, device serial number... */
  retainDeviceIdentity: z.boolean().default(false),
  /** Clean Descriptors: keep descriptions (series, study, protocol...) with identifying text removed, instead of removing them. */
  cleanDescriptors: z.boolean().default(false),
  /** Retain Safe Private: keep private tags on the known-safe allow-list; every other private tag is removed either way. */
  retainSafePrivate: z.boolean().default(false),
});
export type DeidentificationOptions = z.infer<typeof DeidentificationOptions>;

/** The option names in the order the dialogs show them. */
export const DEIDENTIFICATION_OPTION_KEYS = [
  "retainLongitudinalModifiedDates",
  "retainPatientCharacteristics",
  "retainDeviceIdentity",
  "cleanDescriptors",
  "retainSafePrivate",
] as const satisfies ReadonlyArray<keyof DeidentificationOptions>;

/**
 * What replaces PatientName and PatientID ("Case 12"): printable ASCII, so
 * that it is valid in PN and LO under the default character set, without
 * the backslash (a value separator) and within LO's 64 characters.
 */
export const Pseudonym = z
  .string()
  .trim()
  .min(1, "Enter a pseudonym, for example \"Case 12\".")
  .max(64, "Use at most 64 characters for the pseudonym.")
  .regex(/^[\x20-\x5b\x5d-\x7e]+$/, "Use letters, digits, spaces and simple punctuation (no backslash) in the pseudonym.");

/** What the owner asks for, in the share dialog and in "Download de-identified". */
export const DeidentificationRequest = z.object({
  pseudonym: Pseudonym,
  options: DeidentificationOptions.default(DeidentificationOptions.parse({})),
  /**
   * The owner's explicit acknowledgement that images which may carry
   * burned-in text (ultrasound, secondary capture, BurnedInAnnotation YES,
   * SAVE/SCREEN) go out with their pixels untouched. Without it they are left out.
   */
  includeBurnedInText: z.boolean().default(false),
});
export type DeidentificationRequest = z.infer<typeof DeidentificationRequest>;

/** One series whose images may carry burned-in text, and why (the first reason met). */
export const BurnedInTextSeries = z.object({
  SeriesInstanceUID: DicomUID,
  SeriesNumber: z.number().int().optional(),
  SeriesDescription: z.string().optional(),
  Modality: z.string(),
  /** How many instances of the series are concerned. */
  instances: z.number().int().positive(),
  reason: z.string().min(1),
});
export type BurnedInTextSeries = z.infer<typeof BurnedInTextSeries>;

/** `POST /api/studies/{StudyInstanceUID}/deidentification-check`: what the dialogs show before the owner decides. */
export const DeidentificationCheck = z.object({
  /** Instances of the study the engine would process. */
  instances: z.number().int().nonnegative(),
  burnedInText: z.array(BurnedInTextSeries),
});
export type DeidentificationCheck = z.infer<typeof DeidentificationCheck>;

/**
 * `users/{uid}/shareLinks/{linkId}.deidentification`: a de-identified link's
 * copies, made once per link by the server and deleted with it. Null on a
 * link that shares the study as stored.
 */
export const ShareDeidentification = z.object({
  pseudonym: z.string(),
  options: DeidentificationOptions,
  includeBurnedInText: z.boolean(),
  status: z.enum(["preparing", "ready", "failed", "deleted"]),
  /** Instances to process, and processed so far (progress in the owner's list). */
  total: z.number().int().nonnegative(),
  done: z.number().int().nonnegative(),
  /** Series left out because their images may carry burned-in text (not acknowledged). */
  leftOut: z.array(BurnedInTextSeries),
  /** Bytes of the stored copies (docs/deidentification.md says how they count against the quota). */
  bytes: z.number().int().nonnegative(),
  /** With "failed": what went wrong, in words for the owner. */
  error: z.string().nullable(),
});
export type ShareDeidentification = z.infer<typeof ShareDeidentification>;

/** `POST /api/studies/{StudyInstanceUID}/deidentified-download`: the answer, a signed link to the ZIP. */
export const DeidentifiedDownload = z.object({
  url: z.string(),
  fileName: z.string(),
  files: z.number().int().nonnegative(),
  leftOut: z.array(BurnedInTextSeries),
});
export type DeidentifiedDownload = z.infer<typeof DeidentifiedDownload>;
