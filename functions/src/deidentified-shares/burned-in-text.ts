import type { BurnedInTextSeries, SeriesSummary, StoredInstance } from "@pacs/shared";
import { DeidentificationError, findBurnedInTextReason, readBurnedInTextFields, type BurnedInTextFields } from "../deidentification";

/**
 * Why one stored instance may carry burned-in text, or null. The fields come
 * from its header (`header` may be only the first bytes of the file); what
 * the header lacks is taken from what ingest stored (the SOP class and
 * modality of the instance, its series' description).
 */
export function findInstanceBurnedInText(header: Uint8Array, instance: StoredInstance, seriesDescription: string | undefined): string | null {
  const fields = readFieldsOrNone(header);
  return findBurnedInTextReason({
    ...fields,
    Modality: fields.Modality ?? instance.metadata.Modality,
    SOPClassUID: fields.SOPClassUID ?? instance.metadata.SOPClassUID,
    SeriesDescription: fields.SeriesDescription ?? seriesDescription,
  });
}

/**
 * A header the engine cannot read gives no fields: the stored metadata still
 * decides, and the copy itself, which needs the whole header, is refused by
 * the engine with its reason.
 */
function readFieldsOrNone(header: Uint8Array): BurnedInTextFields {
  try {
    return readBurnedInTextFields(header);
  } catch (error) {
    if (error instanceof DeidentificationError) return {};
    throw error;
  }
}

/** One instance left out, and why. */
export interface LeftOutInstance {
  SeriesInstanceUID: string;
  Modality: string;
  reason: string;
}

/**
 * The instances left out, by series, in the study's series order: what the
 * dialogs list. A series keeps the first reason met; a second, different
 * reason (an image the engine refused in a series already listed) is added
 * to it, so that no series is listed twice.
 */
export function groupLeftOut(series: SeriesSummary[], leftOut: LeftOutInstance[], listed: BurnedInTextSeries[] = []): BurnedInTextSeries[] {
  const bySeries = new Map(listed.map((entry) => [entry.SeriesInstanceUID, { ...entry }]));
  for (const instance of leftOut) {
    const entry = bySeries.get(instance.SeriesInstanceUID);
    if (!entry) {
      const summary = series.find((s) => s.SeriesInstanceUID === instance.SeriesInstanceUID);
      bySeries.set(instance.SeriesInstanceUID, {
        SeriesInstanceUID: instance.SeriesInstanceUID,
        ...(summary?.SeriesNumber !== undefined ? { SeriesNumber: summary.SeriesNumber } : {}),
        ...(summary?.SeriesDescription !== undefined ? { SeriesDescription: summary.SeriesDescription } : {}),
        Modality: summary?.Modality ?? instance.Modality,
        instances: 1,
        reason: instance.reason,
      });
      continue;
    }
    entry.instances += 1;
    if (!entry.reason.includes(instance.reason)) entry.reason = `${entry.reason}; ${instance.reason}`;
  }
  const order = new Map(series.map((s, i) => [s.SeriesInstanceUID, i]));
  return [...bySeries.values()].sort((a, b) => (order.get(a.SeriesInstanceUID) ?? Infinity) - (order.get(b.SeriesInstanceUID) ?? Infinity));
}

/** How many instances the list holds. */
export function countLeftOut(series: BurnedInTextSeries[]): number {
  return series.reduce((sum, entry) => sum + entry.instances, 0);
}

// PixelData (7FE0,0010) as it is written in little and big endian.
const PIXEL_DATA_LE = Buffer.from([0xe0, 0x7f, 0x10, 0x00]);
const PIXEL_DATA_BE = Buffer.from([0x7f, 0xe0, 0x00, 0x10]);

/**
 * Whether the first bytes of a file hold its whole header: they reach the
 * pixel data, or they are the whole file. A long header (vendor private
 * blocks) read only in part could hide BurnedInAnnotation, so the reader
 * asks for more until this holds.
 */
export function holdsWholeHeader(head: Uint8Array, objectSize: number): boolean {
  if (head.length >= objectSize) return true;
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.length);
  return bytes.includes(PIXEL_DATA_LE, 132) || bytes.includes(PIXEL_DATA_BE, 132);
}
