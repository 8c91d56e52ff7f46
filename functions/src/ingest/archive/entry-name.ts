/**
 * Names inside archives are attacker-controlled: `../../etc`, absolute paths,
 * control characters, invalid UTF-8. They are only ever shown to the user and
 * matched against a DICOMDIR, never used as a storage path, and even then
 * only in this cleaned form.
 */
const UTF8_FLAG = 0x800;
const MAX_NAME_LENGTH = 512;

/** Decodes a raw ZIP name: UTF-8 when flagged or valid, else Latin-1 (close enough to CP437 for display). */
export function decodeEntryName(raw: Uint8Array, generalPurposeBitFlag: number): string {
  if (generalPurposeBitFlag & UTF8_FLAG) return Buffer.from(raw).toString("utf8");
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(raw);
  } catch {
    return Buffer.from(raw).toString("latin1");
  }
}

/** A safe, display-only relative path: forward slashes, no `.`/`..`/empty segments, no control characters. */
export function sanitizeEntryName(name: string): string {
  const segments = name
    .replace(/\\/g, "/")
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, "")
    .split("/")
    .filter((segment) => segment !== "" && segment !== "." && segment !== "..");
  const cleaned = segments.join("/");
  if (cleaned === "") return "(unnamed entry)";
  return cleaned.length > MAX_NAME_LENGTH ? `…${cleaned.slice(-MAX_NAME_LENGTH)}` : cleaned;
}

/** True for the folder entries many tools add; they hold no data. */
export function isDirectoryName(name: string): boolean {
  return name.endsWith("/") || name.endsWith("\\");
}

