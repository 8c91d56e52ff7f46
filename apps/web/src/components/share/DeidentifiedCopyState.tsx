import type { ShareDeidentification } from "@pacs/shared";
import { BurnedInSeriesList } from "@/components/deidentification/BurnedInSeriesList";
import { ProgressBar } from "@/components/ProgressBar";
import { announceCopyState, describeProgress } from "@/lib/deidentification-form";
import { formatQuantity } from "@/lib/format";

/**
 * A de-identified link's copy on the Shared links page: its pseudonym, the
 * progress while the server makes it (live from the link record), why it
 * failed, and the series left out for burned-in text.
 */
export function DeidentifiedCopyState({ copy }: { copy: ShareDeidentification }) {
  return (
    <div className="deidentified-copy" data-copy-status={copy.status}>
      <span className="badge deidentified">De-identified: {copy.pseudonym}</span>
      {/* Polite and coarse: the owner hears the copy advance, become ready or fail, not every image. */}
      <span className="visually-hidden" aria-live="polite">
        {announceCopyState(copy)}
      </span>
      {copy.status === "preparing" ? (
        <>
          <ProgressBar label={`Preparing the copy for ${copy.pseudonym}`} value={copy.total > 0 ? copy.done : null} max={copy.total} text={describeProgress(copy.done, copy.total)} />
          <p className="muted">Preparing the copy: {describeProgress(copy.done, copy.total)}. The link opens once it is ready.</p>
        </>
      ) : null}
      {copy.status === "failed" ? <p className="error">The copy could not be made, so the link does not open: {copy.error ?? "unknown error"}</p> : null}
      {copy.status === "deleted" ? <p className="muted">The copy has been deleted.</p> : null}
      {copy.leftOut.length > 0 ? (
        <details className="left-out">
          <summary>{formatQuantity(copy.leftOut.length, "series", "series")} left out, with why</summary>
          <BurnedInSeriesList series={copy.leftOut} label="Series left out of the copy" />
        </details>
      ) : null}
    </div>
  );
}
