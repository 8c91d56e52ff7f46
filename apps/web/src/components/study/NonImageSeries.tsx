"use client";
import { formatCount } from "@/lib/format";
import type { NonImageSeries } from "@/lib/series-kinds";
import { requestSeriesDownload } from "@/lib/studies-api";
import { StudyActionButton } from "./StudyActionButton";

/**
 * One panel per series that holds no images: what it is in words, how many
 * objects, whether the viewer shows it, and a download of the object(s).
 */
export function NonImageSeriesList({ studyInstanceUID, entries }: { studyInstanceUID: string; entries: NonImageSeries[] }) {
  return (
    <ul className="nonimage-list">
      {entries.map((entry) => (
        <li key={entry.series.SeriesInstanceUID} className="card nonimage" data-series-uid={entry.series.SeriesInstanceUID} data-kind={entry.kind} aria-label={entry.label}>
          <h3>{entry.label}</h3>
          <p className="muted">
            Series {entry.series.SeriesNumber ?? "—"} · {entry.series.Modality}
            {entry.series.SeriesDescription ? ` · ${entry.series.SeriesDescription}` : ""} · {formatCount(entry.objects)} {entry.kind === "undrawable" ? "image" : "object"}{entry.objects === 1 ? "" : "s"}
          </p>
          <p>{entry.explanation}</p>
          <p className="nonimage-viewer">{viewerSentence(entry)}</p>
          <div className="actions">
            <StudyActionButton
              label={entry.series.NumberOfSeriesRelatedInstances === 1 ? "Download" : "Download (ZIP)"}
              busyLabel="Preparing download…"
              className="secondary"
              action={async (user) => window.location.assign(await requestSeriesDownload(user, studyInstanceUID, entry.series.SeriesInstanceUID))}
            />
          </div>
        </li>
      ))}
    </ul>
  );
}

function viewerSentence(entry: NonImageSeries): string {
  if (entry.kind === "undrawable") return entry.opensInViewer ? "The viewer shows the other images." : "Download the series instead.";
  return entry.opensInViewer ? "The viewer shows it." : "The viewer cannot show it; download it instead.";
}
