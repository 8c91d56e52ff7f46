/**
 * The share dialog's fields to a `CreateShareLinkRequest`, with one sentence
 * per wrong field. Pure, so that the dialog and its tests agree.
 */
import {
  CreateShareLinkRequest,
  MAX_SHARE_LIFETIME_SECONDS,
  MAX_SHARE_VIEWS,
  MIN_SHARE_LIFETIME_SECONDS,
  minimumPinDigits,
  pinTooShortMessage,
  SHARE_EXPIRY_PRESETS,
  SharePin,
  type DeidentificationCheck,
  type ShareExpiryPreset,
} from "@pacs/shared";
import { buildDeidentificationRequest, EMPTY_DEIDENTIFICATION_FORM, type DeidentificationForm, type DeidentificationFormErrors } from "./deidentification-form";

export interface ShareForm {
  expiry: ShareExpiryPreset | "custom";
  /** `<input type="datetime-local">`'s value, in the browser's time zone. */
  customUntil: string;
  pin: string;
  maxViews: string;
  allowDownload: boolean;
  label: string;
  /** Share a de-identified copy instead of the study as stored. */
  deidentify: boolean;
  deidentification: DeidentificationForm;
}

export const EMPTY_SHARE_FORM: ShareForm = {
  expiry: "24h",
  customUntil: "",
  pin: "",
  maxViews: "",
  allowDownload: false,
  label: "",
  deidentify: false,
  deidentification: EMPTY_DEIDENTIFICATION_FORM,
};

export type ShareFormErrors = Partial<Record<Exclude<keyof ShareForm, "deidentification"> | keyof DeidentificationFormErrors, string>>;

/** `check` is the burned-in text check's answer when the owner ticked "De-identify" and it came back. */
export function buildShareRequest(
  StudyInstanceUID: string,
  form: ShareForm,
  now: Date,
  check: DeidentificationCheck | null = null,
): { request: CreateShareLinkRequest; errors?: undefined } | { request?: undefined; errors: ShareFormErrors } {
  const errors: ShareFormErrors = {};
  let expiry: CreateShareLinkRequest["expiry"] = { preset: form.expiry === "custom" ? "24h" : form.expiry };
  if (form.expiry === "custom") {
    const until = new Date(form.customUntil);
    const ms = until.getTime() - now.getTime();
    if (!form.customUntil || Number.isNaN(ms)) errors.customUntil = "Choose the date and time the link stops working.";
    else if (ms < MIN_SHARE_LIFETIME_SECONDS * 1000) errors.customUntil = "Choose a moment at least 5 minutes from now.";
    else if (ms > MAX_SHARE_LIFETIME_SECONDS * 1000) errors.customUntil = "A link can live at most 30 days.";
    else expiry = { until: until.toISOString() };
  }
  const pin = form.pin.trim();
  if (pin && !SharePin.safeParse(pin).success) errors.pin = "A PIN is 4 to 12 digits.";
  else if (pin && !errors.customUntil) errors.pin = pinTooShortMessage(pin, lifetimeMs(expiry, now)) ?? undefined;
  const maxViewsText = form.maxViews.trim();
  const maxViews = maxViewsText ? Number(maxViewsText) : undefined;
  if (maxViews !== undefined && (!Number.isInteger(maxViews) || maxViews < 1 || maxViews > MAX_SHARE_VIEWS)) {
    errors.maxViews = `Enter a whole number from 1 to ${MAX_SHARE_VIEWS.toLocaleString("en-US")}, or leave it empty for no limit.`;
  }
  if (form.label.trim().length > 100) errors.label = "Use at most 100 characters for the label.";
  const deidentified = form.deidentify ? buildDeidentificationRequest(form.deidentification, check) : null;
  if (deidentified?.errors) Object.assign(errors, deidentified.errors);
  if (Object.values(errors).some(Boolean)) return { errors: Object.fromEntries(Object.entries(errors).filter(([, error]) => error)) };
  const request = CreateShareLinkRequest.parse({
    StudyInstanceUID,
    expiry,
    ...(pin ? { pin } : {}),
    ...(maxViews !== undefined ? { maxViews } : {}),
    allowDownload: form.allowDownload,
    ...(form.label.trim() ? { label: form.label.trim() } : {}),
    ...(deidentified?.request ? { deidentify: deidentified.request } : {}),
  });
  return { request };
}

/** How long a link with this expiry lives from `now`. */
export function lifetimeMs(expiry: CreateShareLinkRequest["expiry"], now: Date): number {
  return "preset" in expiry ? SHARE_EXPIRY_PRESETS[expiry.preset] * 1000 : new Date(expiry.until).getTime() - now.getTime();
}

/** The PIN length the form's expiry needs, for the field's label and the "Make one up" button (at least 6 digits). */
export function pinDigitsFor(form: ShareForm, now: Date): number {
  const until = new Date(form.customUntil).getTime();
  const ms = form.expiry === "custom" ? (Number.isNaN(until) ? MAX_SHARE_LIFETIME_SECONDS * 1000 : until - now.getTime()) : SHARE_EXPIRY_PRESETS[form.expiry] * 1000;
  return minimumPinDigits(ms);
}

/** `datetime-local` bounds: from 5 minutes to 30 days ahead, in local time. */
export function customExpiryBounds(now: Date): { min: string; max: string } {
  const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  return { min: local(new Date(now.getTime() + MIN_SHARE_LIFETIME_SECONDS * 1000)), max: local(new Date(now.getTime() + MAX_SHARE_LIFETIME_SECONDS * 1000)) };
}

/** A random PIN of `digits` digits (6 unless the link's lifetime needs more), for owners who do not want to invent one. */
export function randomPin(digits = 6, random: (buffer: Uint32Array) => Uint32Array = (b) => crypto.getRandomValues(b)): string {
  // One random number per digit: 10 does not divide 2^32, but the bias (under 1e-9) is far below the guessing that matters.
  return Array.from(random(new Uint32Array(digits)), (n) => String(n % 10)).join("");
}
