/** How sizes read to people, the same in the web app and in server messages. */

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
