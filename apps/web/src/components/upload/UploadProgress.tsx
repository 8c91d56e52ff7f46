"use client";
/**
 * Files going up: the whole batch's progress, the files moving now (and the
 * ones that failed), and what the user can do about them.
 */
import { ProgressBar } from "@/components/ProgressBar";
import type { PickedFile } from "@/lib/collect-files";
import { formatBytes, formatCount, formatQuantity } from "@/lib/format";
import type { UploadPhase } from "@/lib/use-upload-flow";
import type { FileUploadState, UploadRun, UploadRunSummary } from "@/lib/upload-run";
import { MAX_UPLOAD_ATTEMPTS } from "@/lib/upload-retry";
import { MAX_LISTED_FILES } from "./FileReasonList";
import { FinishControls } from "./FinishControls";
import { RunControls } from "./RunControls";

function percentOf(done: number, total: number): number {
  return total === 0 ? 100 : Math.floor((done / total) * 100);
}

function describeFile(state: FileUploadState): string {
  if (state.status === "retrying") return `Retrying (attempt ${state.attempt + 1} of ${MAX_UPLOAD_ATTEMPTS}): ${state.error ?? ""}`;
  if (state.status === "failed") return `Failed: ${state.error ?? "unknown error"}`;
  return `${formatBytes(state.bytesTransferred)} of ${formatBytes(state.file.size)}`;
}

function FileRow({ state }: { state: FileUploadState }) {
  const percent = percentOf(state.bytesTransferred, state.file.size);
  return (
    <li className={`file-row ${state.status}`}>
      <span className="path">{state.file.relativePath}</span>
      {state.status === "failed" ? null : <ProgressBar label={state.file.relativePath} value={percent} max={100} text={`${percent}%`} />}
      <span className={state.status === "failed" ? "error" : "muted"}>{describeFile(state)}</span>
    </li>
  );
}

/** The files worth a row: the few moving now, then failed ones; the rest are counted in the summary line. */
function FileRows({ run }: { run: UploadRun<PickedFile> }) {
  const moving = run.files.filter((state) => state.status === "uploading" || state.status === "retrying");
  const failed = run.files.filter((state) => state.status === "failed");
  if (moving.length + failed.length === 0) return null;
  return (
    <>
      <ul className="file-list" aria-label="Files in progress">
        {[...moving, ...failed.slice(0, MAX_LISTED_FILES)].map((state) => (
          <FileRow key={state.file.fileId} state={state} />
        ))}
      </ul>
      {failed.length > MAX_LISTED_FILES ? <p className="muted">…and {formatCount(failed.length - MAX_LISTED_FILES)} more failed files.</p> : null}
    </>
  );
}

function describeCounts({ files, bytes, bytesTransferred, counts }: UploadRunSummary): string {
  return [
    `${formatCount(counts.done)} of ${formatQuantity(files, "file")} uploaded (${formatBytes(bytesTransferred)} of ${formatBytes(bytes)})`,
    counts.waiting > 0 ? `${formatCount(counts.waiting)} waiting` : "",
    counts.failed > 0 ? `${formatCount(counts.failed)} failed` : "",
    counts.cancelled > 0 ? `${formatCount(counts.cancelled)} cancelled` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

function heading(phase: UploadPhase, run: UploadRun<PickedFile>): string {
  if (run.cancelled) return "Upload cancelled";
  if (phase.kind === "stalled") return "Some files could not be uploaded";
  if (phase.kind === "uploading") return run.paused ? "Upload paused" : "Uploading";
  return "Files uploaded";
}

export function UploadProgress(props: { phase: UploadPhase; run: UploadRun<PickedFile>; onRetryFailed: () => void; onSeal: () => void }) {
  const { phase, run } = props;
  const summary = run.summary();
  const percent = percentOf(summary.bytesTransferred, summary.bytes);
  const text = `${percent}% (${formatBytes(summary.bytesTransferred)} of ${formatBytes(summary.bytes)})`;
  return (
    <section className="card" aria-labelledby="upload-title">
      <h2 id="upload-title">{heading(phase, run)}</h2>
      <ProgressBar label="Upload progress" value={percent} max={100} text={text} />
      <p data-testid="upload-counts">{describeCounts(summary)}</p>
      {phase.kind === "uploading" && !run.cancelled ? <RunControls run={run} /> : null}
      <FinishControls phase={phase} onRetryFailed={props.onRetryFailed} onSeal={props.onSeal} />
      <FileRows run={run} />
    </section>
  );
}
