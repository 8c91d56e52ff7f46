import type { DeidentificationOptions } from "@pacs/shared";
import table from "./profile/confidentiality_profile_attributes.json";

/**
 * Table E.1-1 of PS3.15 (Basic Application Level Confidentiality Profile and
 * its options), loaded from the vendored Innolitics JSON (profile/SOURCE.md)
 * and turned into one action per attribute for the options we offer.
 * @see https://dicom.nema.org/medical/dicom/current/output/chtml/part15/chapter_E.html
 */

/** One row of the vendored table; option columns are absent when the option does not touch the attribute. */
export interface ProfileRow {
  name: string;
  tag: string;
  basicProfile: string;
  rtnLongModifDatesOpt?: string;
  rtnPatCharsOpt?: string;
  rtnDevIdOpt?: string;
  cleanDescOpt?: string;
  rtnSafePrivOpt?: string;
  id: string;
}

/** A single action, after combined codes and options are resolved. */
export type ProfileAction = "X" | "Z" | "D" | "K" | "C" | "U";

export const PROFILE_ROWS: readonly ProfileRow[] = table as ProfileRow[];

/** The option columns of the table, by the option keys of @pacs/shared. */
const OPTION_COLUMNS: Array<[keyof DeidentificationOptions, keyof ProfileRow]> = [
  ["retainLongitudinalModifiedDates", "rtnLongModifDatesOpt"],
  ["retainPatientCharacteristics", "rtnPatCharsOpt"],
  ["retainDeviceIdentity", "rtnDevIdOpt"],
  ["cleanDescriptors", "cleanDescOpt"],
  ["retainSafePrivate", "rtnSafePrivOpt"],
];

/**
 * Combined codes name the choice by the attribute's Type in the IOD, which
 * the engine does not know (it carries no module tables). It takes the action
 * for a Type 2 attribute where the code offers one (zero length: nothing is
 * left to identify and the attribute stays present), and the dummy where the
 * code offers no Z (X/D: the attribute is Type 1 somewhere, so D keeps those
 * IODs valid). X/Z/U* sequences are kept with every UID inside remapped, so
 * references to other images still resolve.
 */
export const COMBINED_CODE_ACTIONS: Record<string, ProfileAction> = {
  X: "X", Z: "Z", D: "D", U: "U", K: "K", C: "C",
  "X/Z": "Z",
  "Z/D": "Z",
  "X/Z/D": "Z",
  "X/D": "D",
  "X/Z/U*": "U",
};

/** Tags written with X wildcards, "(60XX,3000)", match by mask. */
interface PatternRow { mask: number; value: number; row: ProfileRow }

const EXACT = new Map<number, ProfileRow>();
const PATTERNS: PatternRow[] = [];
let PRIVATE_ROW: ProfileRow | undefined;

for (const row of PROFILE_ROWS) {
  const match = /^\(([0-9A-FX]{4}),([0-9A-FX]{4})\)$/i.exec(row.tag);
  if (!match) {
    if (/GGGG IS ODD/i.test(row.tag)) PRIVATE_ROW = row;
    continue;
  }
  const hex = (match[1]! + match[2]!).toUpperCase();
  if (!hex.includes("X")) {
    EXACT.set(parseInt(hex, 16), row);
    continue;
  }
  const mask = parseInt(hex.replace(/[0-9A-F]/g, "F").replace(/X/g, "0"), 16) >>> 0;
  PATTERNS.push({ mask, value: parseInt(hex.replace(/X/g, "0"), 16) >>> 0, row });
}

/** A tag as a 32-bit number from dicomParser's "xggggeeee". */
export function parseTag(tag: string): number {
  return parseInt(tag.slice(1, 9), 16) >>> 0;
}

export function isPrivateTag(tag: number): boolean {
  return ((tag >>> 16) & 1) === 1;
}

/**
 * The table row for a tag: exact rows first, then the repeating groups
 * (curves 50xx, overlays 60xx), then the private row. Undefined for an
 * attribute the profile does not list (it is kept, PS3.15 E.1.1).
 */
export function findProfileRow(tag: number): ProfileRow | undefined {
  const exact = EXACT.get(tag);
  if (exact) return exact;
  for (const { mask, value, row } of PATTERNS) {
    // 50xx and 60xx only ever denote the even groups 5000-501E and 6000-601E (PS3.5 §7.6).
    if (((tag & mask) >>> 0) === value && ((tag >>> 16) & 0xff) <= 0x1e && ((tag >>> 16) & 1) === 0) return row;
  }
  return isPrivateTag(tag) ? PRIVATE_ROW : undefined;
}

/** The basic profile's action for a row, combined codes resolved ({@link COMBINED_CODE_ACTIONS}). */
export function findBasicAction(row: ProfileRow): ProfileAction {
  const action = COMBINED_CODE_ACTIONS[row.basicProfile];
  if (!action) throw new Error(`profile table: unknown action code "${row.basicProfile}" for ${row.tag}`);
  return action;
}

/**
 * The action for a row under the chosen options. An option's column, when
 * the option is on, overrides the basic profile; K wins over C when two
 * options disagree (each option only ever keeps more). Dates and times
 * (DA, DT, TM) follow the date option only: Retain Device Identity keeps a
 * calibration date's meaning, not its real value, so with dates not
 * retained the basic action applies.
 */
export function findAction(row: ProfileRow, options: DeidentificationOptions, vr: string): ProfileAction {
  const temporal = vr === "DA" || vr === "DT" || vr === "TM";
  let chosen: ProfileAction | undefined;
  for (const [option, column] of OPTION_COLUMNS) {
    if (!options[option]) continue;
    if (temporal && option !== "retainLongitudinalModifiedDates") continue;
    const code = row[column] as string | undefined;
    if (code === "K") chosen = "K";
    else if (code === "C" && chosen !== "K") chosen = "C";
  }
  return chosen ?? findBasicAction(row);
}
