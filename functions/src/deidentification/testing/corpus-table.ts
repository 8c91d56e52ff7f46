import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";

/**
 * The attributes PS3.15 table E.1-1 marks U (replace with a consistent UID),
 * read from the engine's vendored copy of Innolitics'
 * confidentiality_profile_attributes.json: data, not the engine's code, so
 * the corpus test follows the edition the engine claims. Without that file
 * (before the engine lands) a short list of the UIDs that carry references.
 */

const FALLBACK_U_TAGS = [
  "0020000D", "0020000E", "00080018", "00081155", "00200052", "30060024", "300600C2", "00209164", "00209161",
  "00080014", "00041511", "00200200", "0040A124", "00880140", "00081195", "00083010", "300A0013", "00620021",
];

interface TableRow {
  id?: string;
  basicProfile?: string;
}

export function findVendoredTable(root = path.resolve(__dirname, "..")): string | undefined {
  for (const name of readdirSync(root).sort()) {
    const full = path.join(root, name);
    if (statSync(full).isDirectory()) {
      if (name === "testing" || name === "node_modules") continue;
      const found = findVendoredTable(full);
      if (found) return found;
    } else if (/confidentiality_profile_attributes.*\.json$/.test(name)) return full;
  }
  return undefined;
}

export function loadRemappedUidTags(): ReadonlySet<string> {
  const table = findVendoredTable();
  if (!table || !existsSync(table)) return new Set(FALLBACK_U_TAGS);
  const rows = JSON.parse(readFileSync(table, "utf8")) as TableRow[];
  return new Set(
    rows
      .filter((row) => row.id && /^[0-9a-f]{8}$/i.test(row.id) && (row.basicProfile ?? "").split("/").some((code) => code.startsWith("U")))
      .map((row) => row.id!.toUpperCase()),
  );
}
