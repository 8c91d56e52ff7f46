/** The server at work on a sealed batch: "Processing 120 / 300 files", and the archives it is reading now. */
import { describeBatchProgress, type UploadBatch } from "@pacs/shared";
import { ProgressBar } from "@/components/ProgressBar";
import { formatCount } from "@/lib/format";

export function BatchProcessing({ batch }: { batch: UploadBatch }) {
  const { done, total, unit } = describeBatchProgress(batch);
  const text = total === null ? `Processing ${formatCount(done)} ${unit}` : `Processing ${formatCount(done)} / ${formatCount(total)} ${unit}`;
  const running = Object.values(batch.inProgress);
  return (
    <section className="card" aria-labelledby="processing-title">
      <h2 id="processing-title">Processing</h2>
      <ProgressBar label="Processing progress" value={total === null ? null : done} max={total ?? 0} text={text} />
      <p role="status" data-testid="processing-status">
        {batch.status === "uploading" ? "Waiting for the server to start…" : text}
      </p>
      {batch.counts.stored > 0 ? <p className="muted">{formatCount(batch.counts.stored)} images stored so far.</p> : null}
      {running.length > 0 ? (
        <ul className="file-list" aria-label="Files being processed">
          {running.map((file) => (
            <li key={file.name} className="file-row">
              <span className="path">{file.name}</span>
              <span className="muted">
                {file.entriesTotal === null
                  ? `${formatCount(file.entriesDone)} entries read`
                  : `${formatCount(file.entriesDone)} / ${formatCount(file.entriesTotal)} entries`}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
