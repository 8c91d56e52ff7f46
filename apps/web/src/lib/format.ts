/**
 * How numbers, names and dates from DICOM read on screen. Pure, so that the
 * study list, the upload page and the profile say the same thing.
 */

// Byte sizes read the same on the server (quota messages) and here.
export { formatBytes } from "@pacs/shared";

/**
 * A DICOM person name (PS3.5 §6.2, VR PN) as people write it:
 * `Doe^Jane^Ann^Dr^MD` reads "Doe, Dr Jane Ann, MD". The alphabetic group is
 * used; the ideographic or phonetic group only when it is the only one.
 */
export function formatPersonName(value: string | undefined): string {
  if (!value) return "";
  const group = value.split("=").find((g) => g.replace(/\^/g, "").trim() !== "") ?? "";
  const [family = "", given = "", middle = "", prefix = "", suffix = ""] = group.split("^").map((part) => part.trim());
  const forenames = [prefix, given, middle].filter(Boolean).join(" ");
  let name = [family, forenames].filter(Boolean).join(", ");
  if (suffix) name = name ? `${name}, ${suffix}` : suffix;
  return name;
}

/**
 * A DICOM date (VR DA, `YYYYMMDD`, or the old ACR-NEMA `YYYY.MM.DD`) as
 * ISO `YYYY-MM-DD`. Anything else is shown as stored rather than hidden.
 */
export function formatDicomDate(value: string | undefined): string {
  if (!value) return "";
  const match = /^(\d{4})\.?(\d{2})\.?(\d{2})$/.exec(value.trim());
  if (!match) return value;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** "1,234": counts grouped the same way in every table and summary. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** "1 file", "2,000 files". */
export function formatQuantity(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
