import { createHmac } from "node:crypto";

/**
 * Retain Longitudinal Temporal Information with Modified Dates (PS3.15
 * E.3.6): every date of every instance moves back by one whole-day shift
 * derived from the key, so the intervals between dates hold while the real
 * dates are gone. Times of day are kept.
 */

/** The shift is 1 to this many days back (about ten years). */
export const MAX_SHIFT_DAYS = 3650;
const DAY_MS = 86_400_000;

/** Whole days, from -3650 to -1, the same for every call with the same key. */
export function dateShiftDays(key: Uint8Array): number {
  const digest = createHmac("sha256", key).update("pacs de-identification date shift v1").digest();
  return -(1 + (digest.readUInt32BE(0) % MAX_SHIFT_DAYS));
}

/**
 * A DA value (YYYYMMDD, or the old YYYY.MM.DD) moved by `days`; undefined
 * when the value is not a date, so the caller removes it instead of keeping it.
 */
export function shiftDate(value: string, days: number): string | undefined {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const shifted = shiftYmd(Number(match[1]), Number(match[2]), Number(match[3]), days);
  return shifted && formatYmd(shifted);
}

/**
 * A DT value (YYYY[MM[DD[HH[MM[SS[.F]]]]]][&ZZXX]) with its date part moved
 * by `days` and everything after the date kept. A value precise only to the
 * year or month is shifted from the middle of its period and keeps its
 * precision. Undefined when the value is not a DT.
 */
export function shiftDateTime(value: string, days: number): string | undefined {
  const match = /^(\d{4})(\d{2})?(\d{2})?(.*)$/.exec(value.trim());
  if (!match) return undefined;
  const [, year, month, day, rest] = match;
  if (!/^(\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?)?([+-]\d{4})?$/.test(rest!) || (rest && !day)) return undefined;
  const shifted = shiftYmd(Number(year), month ? Number(month) : 7, day ? Number(day) : 15, days);
  if (!shifted) return undefined;
  const full = formatYmd(shifted);
  return full.slice(0, day ? 8 : month ? 6 : 4) + rest;
}

function shiftYmd(year: number, month: number, day: number, days: number): Date | undefined {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  // Date.UTC rolls 20240231 over to March; such a value is not a date.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return new Date(time + days * DAY_MS);
}

function formatYmd(date: Date): string {
  const y = String(date.getUTCFullYear()).padStart(4, "0");
  return `${y}${String(date.getUTCMonth() + 1).padStart(2, "0")}${String(date.getUTCDate()).padStart(2, "0")}`;
}
