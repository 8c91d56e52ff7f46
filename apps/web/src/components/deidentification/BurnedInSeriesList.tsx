import type { BurnedInTextSeries } from "@pacs/shared";
import { describeBurnedInSeries } from "@/lib/deidentification-form";

/** Series whose images may carry burned-in text, each with its reason (the check's answer, or a copy's left-out list). */
export function BurnedInSeriesList({ series, label }: { series: BurnedInTextSeries[]; label: string }) {
  return (
    <ul className="burned-in-list" aria-label={label}>
      {series.map((entry) => (
        <li key={entry.SeriesInstanceUID} data-series-uid={entry.SeriesInstanceUID}>
          {describeBurnedInSeries(entry)}
        </li>
      ))}
    </ul>
  );
}
