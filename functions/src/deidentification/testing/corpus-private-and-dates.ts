import { readFileSync } from "node:fs";
import * as path from "node:path";
import { findDictionaryVR } from "../../viewable/vr";
import { readText, type RawDataSet } from "./corpus-read-data-set";

/**
 * Two more things the profile promises that a real corpus can check: private
 * attributes are gone unless allow-listed (Retain Safe Private), and under
 * Retain Longitudinal Temporal Information with Modified Dates every date
 * moves by the plan's one shift, so that intervals hold.
 */

interface SafePrivateRow {
  group: string;
  creator: string;
  element: string;
}

const ALLOW_LIST = path.resolve(__dirname, "..", "profile", "safe-private-attributes.json");

function isPrivate(tag: string): boolean {
  return parseInt(tag.slice(0, 4), 16) % 2 === 1;
}

/**
 * The private elements left in a data set that the allow-list does not name:
 * a data element (gggg,xxEE) must have its creator (gggg,00xx, same item)
 * and its element byte on the list; a creator must be one the list names.
 */
export function findUnlistedPrivate(data: RawDataSet, allowListed: boolean): string[] {
  const rows = allowListed ? (JSON.parse(readFileSync(ALLOW_LIST, "utf8")) as { attributes: SafePrivateRow[] }).attributes : [];
  const creators = new Map<string, string>();
  for (const element of data.elements) {
    if (isPrivate(element.tag) && element.tag.slice(4, 6) === "00") creators.set(element.path, readText(data, element));
  }
  return data.elements
    .filter((element) => isPrivate(element.tag))
    .filter((element) => {
      const group = element.tag.slice(0, 4);
      if (element.tag.slice(4, 6) === "00") return !rows.some((row) => row.group.toUpperCase() === group && row.creator === readText(data, element));
      const creatorPath = element.path.replace(/[0-9A-F]{8}$/, `${group}00${element.tag.slice(4, 6)}`);
      const creator = creators.get(creatorPath);
      return !rows.some((row) => row.group.toUpperCase() === group && row.creator === creator && row.element.toUpperCase() === element.tag.slice(6));
    })
    .map((element) => element.path);
}

/** A DA value (or a DT's date), also in the old ACR-NEMA form "1997.04.24". */
function readDate(text: string): number | undefined {
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})/.exec(text);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

export interface DateReport {
  shifted: number;
  problems: string[];
}

/** Every date the copy keeps, at any depth, is the original's moved by `days` whole days. */
export function checkDateShift(original: RawDataSet, output: RawDataSet, days: number): DateReport {
  const report: DateReport = { shifted: 0, problems: [] };
  const after = new Map(output.elements.map((element) => [element.path, element]));
  for (const element of original.elements) {
    const vr = element.vr === "UN" ? findDictionaryVR(`x${element.tag.toLowerCase()}`) : element.vr;
    const copy = after.get(element.path);
    if ((vr !== "DA" && vr !== "DT") || !copy) continue;
    const before = readDate(readText(original, element));
    const now = readDate(readText(output, copy));
    if (before === undefined || now === undefined) continue;
    if (now - before === days * 86_400_000) report.shifted++;
    else report.problems.push(`${element.path}: ${readText(original, element)} became ${readText(output, copy)}, not moved by ${days} days`);
  }
  return report;
}
