/**
 * How numbers, names and dates from DICOM read on screen. Pure, so that the
 * study list, the upload page and the profile say the same thing.
 */

// Sizes, names and dates read the same on the server (quota messages, share links) and here.
export { formatBytes, formatDicomDate, formatPersonName } from "@pacs/shared";

/** "1,234": counts grouped the same way in every table and summary. */
export function formatCount(value: number): string {
  return value.toLocaleString("en-US");
}

/** "1 file", "2,000 files". */
export function formatQuantity(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** "Nov 23, 2026, 6:10 AM" in the reader's locale: short enough for a table column on a tablet. */
export function formatDateTime(date: Date, locale?: string): string {
  return date.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}
