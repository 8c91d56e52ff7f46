/**
 * The chosen files after the browser's checks: what will go, what will not
 * and why, before anything is sent.
 */
import type { PickedFile, UnreadableEntry } from "@/lib/collect-files";
import { formatBytes, formatQuantity } from "@/lib/format";
import { LEFT_OUT_REASON } from "@/lib/not-uploaded";
import type { PreflightResult } from "@/lib/upload-preflight";
import { FileReasonList } from "./FileReasonList";

export function SelectionReview({
  preflight,
  unreadable,
  refusal,
  busy,
  onStart,
  onClear,
}: {
  preflight: PreflightResult<PickedFile>;
  unreadable: readonly UnreadableEntry[];
  refusal: string | null;
  busy: boolean;
  onStart: () => void;
  onClear: () => void;
}) {
  const { accepted, acceptedBytes, refused, leftOut, batchError } = preflight;
  const refusedRows = [...refused.map(({ file, reason }) => ({ relativePath: file.relativePath, reason })), ...unreadable];
  const canStart = accepted.length > 0 && !batchError && !busy;
  return (
    <section className="card" aria-labelledby="selection-title">
      <h2 id="selection-title">Ready to upload</h2>
      <p data-testid="selection-summary">
        {accepted.length > 0 ? `${formatQuantity(accepted.length, "file")} (${formatBytes(acceptedBytes)}) will be uploaded.` : "No file can be uploaded."}
      </p>
      {batchError ? (
        <p role="alert" className="error">
          {batchError}
        </p>
      ) : null}
      {refusal ? (
        <p role="alert" className="error">
          {refusal}
        </p>
      ) : null}
      {refusedRows.length > 0 ? (
        <>
          <h3>{formatQuantity(refusedRows.length, "file")} cannot be uploaded</h3>
          <FileReasonList label="Files that cannot be uploaded" files={refusedRows} />
        </>
      ) : null}
      {leftOut.length > 0 ? (
        <details className="left-out">
          <summary>{formatQuantity(leftOut.length, "system file")} left out (.DS_Store, Thumbs.db, __MACOSX…)</summary>
          <FileReasonList label="Files left out" files={leftOut.map((file) => ({ relativePath: file.relativePath, reason: LEFT_OUT_REASON }))} />
        </details>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onStart} disabled={!canStart}>
          {busy ? "Starting…" : `Upload ${formatQuantity(accepted.length, "file")}`}
        </button>
        <button type="button" className="secondary" onClick={onClear} disabled={busy}>
          Clear
        </button>
      </div>
    </section>
  );
}
