import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * PS3.15 table E.1-1 as the engine vendors it (Innolitics'
 * confidentiality_profile_attributes.json, profile/SOURCE.md): data, not the
 * engine's code, so the corpus test follows the edition the engine claims.
 */

interface TableRow {
  id?: string;
  basicProfile?: string;
}

const TABLE = path.resolve(__dirname, "..", "profile", "confidentiality_profile_attributes.json");

function readPlainRows(): Array<{ tag: string; action: string }> {
  const rows = JSON.parse(readFileSync(TABLE, "utf8")) as TableRow[];
  // The repeating-group rows (50xx,xxxx; 60xx,4000...) have no single tag.
  return rows.filter((row) => row.id && /^[0-9a-f]{8}$/i.test(row.id)).map((row) => ({ tag: row.id!.toUpperCase(), action: row.basicProfile ?? "" }));
}

/** Every attribute the table lists: anything else the profile keeps as it is. */
export function loadListedTags(): ReadonlySet<string> {
  return new Set(readPlainRows().map((row) => row.tag));
}

/** The attributes whose action is U (replace with a consistent UID), alone or as the last of a combined code (X/Z/U*). */
export function loadRemappedUidTags(): ReadonlySet<string> {
  return new Set(readPlainRows().filter((row) => row.action.split("/").some((code) => code.startsWith("U"))).map((row) => row.tag));
}
