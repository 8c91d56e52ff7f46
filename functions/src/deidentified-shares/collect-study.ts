import type { SeriesAttributes, SeriesSummary, StudyAttributes } from "@pacs/shared";
import type { DeidentifiedStudy } from "./deidentified-share-refs";

/**
 * Builds the de-identified study from its copies' own headers, as ingest
 * builds a study record from its instances: the study attributes of the
 * first copy, each series once with its instance count, series in
 * SeriesNumber order. Nothing comes from the original's record.
 */
export class DeidentifiedStudyCollector {
  private study: StudyAttributes | undefined;
  private readonly series = new Map<string, SeriesSummary>();

  add(read: { study: StudyAttributes; series: SeriesAttributes }): void {
    this.study ??= read.study;
    const known = this.series.get(read.series.SeriesInstanceUID);
    if (known) known.NumberOfSeriesRelatedInstances += 1;
    else this.series.set(read.series.SeriesInstanceUID, { ...read.series, NumberOfSeriesRelatedInstances: 1 });
  }

  /** Null when no copy was made. */
  build(): DeidentifiedStudy | null {
    if (!this.study) return null;
    const series = [...this.series.values()].sort(
      (a, b) => (a.SeriesNumber ?? Number.MAX_SAFE_INTEGER) - (b.SeriesNumber ?? Number.MAX_SAFE_INTEGER) || a.SeriesInstanceUID.localeCompare(b.SeriesInstanceUID),
    );
    return { ...this.study, ModalitiesInStudy: [...new Set(series.map((s) => s.Modality))].sort(), series };
  }
}
