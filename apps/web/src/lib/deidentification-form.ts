/**
 * The "De-identify" part of the share dialog and of "Download de-identified":
 * the owner's fields to a `DeidentificationRequest`, with one sentence per
 * wrong field. Pure, so that both dialogs and their tests agree.
 */
import {
  DEIDENTIFICATION_OPTION_KEYS,
  DeidentificationOptions,
  DeidentificationRequest,
  Pseudonym,
  type BurnedInTextSeries,
  type DeidentificationCheck,
  type ShareDeidentification,
} from "@pacs/shared";
import { formatCount, formatQuantity } from "./format";

export interface DeidentificationForm {
  pseudonym: string;
  options: DeidentificationOptions;
  /** The owner's acknowledgement that series which may carry burned-in text go out as they are. */
  includeBurnedInText: boolean;
}

/** The schema's defaults: only "modified dates" on, burned-in series left out. */
export const EMPTY_DEIDENTIFICATION_FORM: DeidentificationForm = {
  pseudonym: "Case 1",
  options: DeidentificationOptions.parse({}),
  includeBurnedInText: false,
};

export type DeidentificationFormErrors = Partial<Record<"pseudonym" | "includeBurnedInText", string>>;

/** What each option keeps, in the words the dialogs show (PS3.15 Annex E, table E.1-1's option columns). */
export const DEIDENTIFICATION_OPTION_TEXT: Record<keyof DeidentificationOptions, { label: string; hint: string }> = {
  retainLongitudinalModifiedDates: {
    label: "Keep dates, shifted",
    hint: "Every date moves back by the same number of days, so the intervals between scans stay true.",
  },
  retainPatientCharacteristics: {
    label: "Keep patient characteristics",
    hint: "Sex, age, height and weight stay (useful for dosing and teaching).",
  },
  retainDeviceIdentity: {
    label: "Keep device identity",
    hint: "Scanner model, station name and serial number stay.",
  },
  cleanDescriptors: {
    label: "Keep cleaned descriptions",
    hint: "Study, series and protocol descriptions stay with identifying text removed, instead of being removed.",
  },
  retainSafePrivate: {
    label: "Keep safe private tags",
    hint: "Vendor tags on a known-safe list stay; every other private tag is removed either way.",
  },
};

/** The options in the order the dialogs show them, with their words. */
export const DEIDENTIFICATION_OPTION_CHOICES = DEIDENTIFICATION_OPTION_KEYS.map((key) => ({ key, ...DEIDENTIFICATION_OPTION_TEXT[key] }));

/** How many of the study's instances the check found that may carry burned-in text. */
export function countBurnedInInstances(check: DeidentificationCheck): number {
  return check.burnedInText.reduce((sum, series) => sum + series.instances, 0);
}

/**
 * The form to a request. With the check's answer, a form that would leave
 * every image out is refused here, with the same reason the server gives.
 */
export function buildDeidentificationRequest(
  form: DeidentificationForm,
  check: DeidentificationCheck | null,
): { request: DeidentificationRequest; errors?: undefined } | { request?: undefined; errors: DeidentificationFormErrors } {
  const errors: DeidentificationFormErrors = {};
  const pseudonym = Pseudonym.safeParse(form.pseudonym);
  if (!pseudonym.success) errors.pseudonym = pseudonym.error.issues[0]?.message ?? "Check the pseudonym.";
  if (check && !form.includeBurnedInText && check.instances > 0 && countBurnedInInstances(check) >= check.instances) {
    errors.includeBurnedInText =
      "Every image of this study may carry burned-in text, so nothing would be shared. Tick the box above once you have checked the images, or share without de-identifying.";
  }
  if (Object.keys(errors).length > 0) return { errors };
  return { request: DeidentificationRequest.parse({ pseudonym: form.pseudonym, options: form.options, includeBurnedInText: form.includeBurnedInText }) };
}

/** "Series 3 (US, Abdomen), 12 images — ultrasound": one line of a burned-in or left-out list. */
export function describeBurnedInSeries(series: BurnedInTextSeries): string {
  const number = series.SeriesNumber !== undefined ? `Series ${series.SeriesNumber}` : "Series";
  const what = [series.Modality, series.SeriesDescription?.trim()].filter(Boolean).join(", ");
  return `${number}${what ? ` (${what})` : ""}, ${formatQuantity(series.instances, "image")} — ${series.reason}`;
}

/** The progress line of a copy being made: "12 of 40 images done". */
export function describeProgress(done: number, total: number): string {
  return total > 0 ? `${formatCount(Math.min(done, total))} of ${formatQuantity(total, "image")} done` : "Starting…";
}

/**
 * What a screen reader hears about a link's copy: the state, and progress in
 * steps of 10 %, so that a large study is not read out image by image.
 */
export function announceCopyState(copy: Pick<ShareDeidentification, "pseudonym" | "status" | "done" | "total">): string {
  if (copy.status === "ready") return `The copy for ${copy.pseudonym} is ready.`;
  if (copy.status === "failed") return `The copy for ${copy.pseudonym} could not be made.`;
  if (copy.status === "deleted") return `The copy for ${copy.pseudonym} has been deleted.`;
  const tens = copy.total > 0 ? Math.floor((Math.min(copy.done, copy.total) / copy.total) * 10) * 10 : 0;
  return `Preparing the copy for ${copy.pseudonym}: ${tens}% done.`;
}
