/** How sizes, DICOM person names and dates read to people, the same in the web app and in server messages. */

const BYTE_UNITS = ["B", "kB", "MB", "GB", "TB", "PB"] as const;

/**
 * Decimal units, as disks and the quota are sold ("10 GB" is 10,000,000,000
 * bytes): one decimal below 10, none above ("1.2 GB", "340 MB").
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) throw new RangeError(`formatBytes: not a byte count: ${bytes}`);
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${bytes} B`;
  // 999.95 kB rounds to "1000 kB"; say "1 MB" instead.
  if (Math.round(value) >= 1000 && unit < BYTE_UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const text = value < 10 ? String(Math.round(value * 10) / 10) : String(Math.round(value));
  return `${text} ${BYTE_UNITS[unit]}`;
}

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
