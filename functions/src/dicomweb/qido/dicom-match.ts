import { foldSearchText } from "@pacs/shared";
import type { NaturalDataset, NaturalValue } from "../dicom-json/build-dicom-json";
import { DicomwebError } from "../dicomweb-error";
import type { MatchKey } from "./qido-query";

/**
 * Attribute matching as C-FIND defines it (PS3.4 §C.2.2.2), which QIDO-RS
 * uses (PS3.18 §8.3.4.1), over the natural data sets of level-attributes.ts.
 * Pure: the search runs it in memory on the candidates Firestore returned.
 *
 * - Universal: an empty value, or `*` alone, matches everything.
 * - UID list (UI): values separated by `,` or `\`; any one matches.
 * - Range (DA, TM, DT): `from-to`, `from-`, `-to`, inclusive. A time or
 *   date-time given to a coarser precision covers the whole of it (`10`
 *   is 10:00:00 to 10:59:59.999999); a single TM or DT value likewise.
 * - Wild card: `*` (any run) and `?` (one character) in any string VR.
 * - Person names (PN): case-insensitive, on the whole name or on one of its
 *   alphabetic, ideographic or phonetic groups, trailing empty components
 *   ignored. With fuzzymatching=true: accents and case folded, and every word
 *   of the query must begin one of the name's family, given or middle names
 *   in any group (`jo do` finds `Doe^John`; wild cards still apply).
 * - Numbers (IS, DS, US...): numeric equality; a `,` or `\` list matches any.
 * - Other strings: exact and case-sensitive; a CS value may be a list.
 * An attribute the study lacks matches only universal matching.
 */

export type ValueMatcher = (value: NaturalValue) => boolean;

const NUMBER_VRS = new Set(["IS", "DS", "US", "SS", "UL", "SL", "FL", "FD", "UV", "SV"]);
const RANGE_VRS = new Set(["DA", "TM", "DT"]);

function badValue(key: MatchKey, why: string): DicomwebError {
  return new DicomwebError(400, `${key.keyword}=${key.value}: ${why}`);
}

/** `*` and `?` as a regular expression over the whole value; everything else literal. */
export function buildWildcardRegExp(pattern: string, flags = "u"): RegExp {
  const body = [...pattern].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${body}$`, `s${flags}`);
}

const hasWildcard = (text: string) => /[*?]/.test(text);

function valuesOf(value: NaturalValue): string[] {
  if (value === undefined) return [];
  const values = Array.isArray(value) ? value : String(value).split("\\");
  return values.map(String).filter((v) => v !== "");
}

/**
 * A DA, TM or DT value as digits that compare as text: the date's dots and
 * the time's colons dropped, the fraction padded to six digits, missing
 * trailing parts filled with `fill` ("0" for a lower bound or a stored value,
 * "9" for an upper bound). Undefined when it is not a value of that VR.
 */
export function normalizeTemporal(text: string, vr: string, fill: "0" | "9"): string | undefined {
  let digits = text.trim();
  if (vr === "DA") {
    const date = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(digits);
    return date ? `${date[1]}${date[2]}${date[3]}` : undefined;
  }
  digits = vr === "TM" ? digits.replace(/:/g, "") : digits.replace(/[+-]\d{4}$/, "");
  const wholeWidth = vr === "TM" ? 6 : 14;
  const match = /^(\d+)(?:\.(\d{1,6}))?$/.exec(digits);
  const whole = match?.[1] ?? "";
  if (!match || whole.length % 2 || whole.length > wholeWidth || (match[2] && whole.length !== wholeWidth)) return undefined;
  return (whole + (match[2] ?? "")).padEnd(wholeWidth + 6, fill);
}

function temporalMatcher(key: MatchKey): ValueMatcher {
  const dash = key.vr === "DT" ? key.value.search(/-(?!\d{4}$)/) : key.value.indexOf("-");
  const [fromText, toText] = dash >= 0 ? [key.value.slice(0, dash), key.value.slice(dash + 1)] : [key.value, key.value];
  const from = fromText ? normalizeTemporal(fromText, key.vr, "0") : "";
  const to = toText ? normalizeTemporal(toText, key.vr, "9") : "";
  if (from === undefined || to === undefined || (!from && !to)) {
    throw badValue(key, `not a ${key.vr} value or range (${key.vr === "DA" ? "YYYYMMDD, YYYYMMDD-YYYYMMDD, YYYYMMDD- or -YYYYMMDD" : "HHMMSS, and ranges with -"}).`);
  }
  return (value) =>
    valuesOf(value).some((stored) => {
      const low = normalizeTemporal(stored, key.vr, "0");
      const high = normalizeTemporal(stored, key.vr, "9");
      return low !== undefined && high !== undefined && (!from || high >= from) && (!to || low <= to);
    });
}

/** "Doe^Jane^^=" as "Doe^Jane": trailing empty components and groups mean nothing (PS3.5 §6.2.1). */
function trimPersonName(name: string): string {
  return name
    .split("=")
    .map((group) => group.replace(/\^+$/, ""))
    .join("=")
    .replace(/=+$/, "");
}

/** Family, given and middle names of every group, and each of their words, folded. */
function nameParts(name: string): string[] {
  const components = name.split("=").flatMap((group) => group.split("^").slice(0, 3));
  return components.flatMap((component) => [component, ...component.split(/\s+/)]).map((part) => foldSearchText(part.trim())).filter(Boolean);
}

function personNameMatcher(key: MatchKey, fuzzy: boolean): ValueMatcher {
  if (fuzzy) {
    const words = foldSearchText(key.value).split(/[\s^=,]+/u).filter(Boolean);
    const patterns = words.map((word) => buildWildcardRegExp(word.endsWith("*") ? word : `${word}*`));
    return (value) => valuesOf(value).some((name) => {
      const parts = nameParts(name);
      return patterns.every((pattern) => parts.some((part) => pattern.test(part)));
    });
  }
  const pattern = buildWildcardRegExp(trimPersonName(key.value), "iu");
  return (value) =>
    valuesOf(value).some((name) => {
      const whole = trimPersonName(name);
      return pattern.test(whole) || whole.split("=").some((group) => pattern.test(group));
    });
}

function listOf(key: MatchKey): string[] {
  return key.value.split(/[,\\]/).map((v) => v.trim()).filter(Boolean);
}

function numberMatcher(key: MatchKey): ValueMatcher {
  const wanted = listOf(key).map(Number);
  if (!wanted.length || wanted.some((n) => !Number.isFinite(n))) throw badValue(key, "not a number, or a list of numbers separated by commas.");
  return (value) => valuesOf(value).some((stored) => wanted.includes(Number(stored)));
}

/** How one key's value is matched, by its VR (see the file comment); a malformed value is a 400 that says so. */
export function buildValueMatcher(key: MatchKey, fuzzy: boolean): ValueMatcher {
  if (key.value === "" || /^\*+$/.test(key.value)) return () => true;
  if (key.vr === "UI") {
    const uids = new Set(listOf(key));
    return (value) => valuesOf(value).some((uid) => uids.has(uid));
  }
  if (RANGE_VRS.has(key.vr) && !hasWildcard(key.value)) return temporalMatcher(key);
  if (NUMBER_VRS.has(key.vr)) return numberMatcher(key);
  if (key.vr === "PN") return personNameMatcher(key, fuzzy);
  if (hasWildcard(key.value)) {
    const pattern = buildWildcardRegExp(key.value);
    return (value) => valuesOf(value).some((stored) => pattern.test(stored));
  }
  const wanted = key.vr === "CS" ? listOf(key) : [key.value];
  return (value) => valuesOf(value).some((stored) => wanted.includes(stored));
}

/** Whether a data set matches every key (C-FIND's AND of keys). */
export function buildDatasetMatcher(keys: readonly MatchKey[], fuzzy: boolean): (natural: NaturalDataset) => boolean {
  const matchers = keys.map((key) => [key.keyword, buildValueMatcher(key, fuzzy)] as const);
  return (natural) => matchers.every(([keyword, matches]) => matches(natural[keyword]));
}
