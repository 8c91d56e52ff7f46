/**
 * The end of sending: files that failed every retry wait for the user's
 * choice; sealing is shown, and a failed seal can be tried again.
 */
import type { UploadPhase } from "@/lib/use-upload-flow";

export function FinishControls({ phase, onRetryFailed, onSeal }: { phase: UploadPhase; onRetryFailed: () => void; onSeal: () => void }) {
  if (phase.kind === "stalled") {
    return (
      <div className="actions">
        <button type="button" onClick={onRetryFailed}>
          Retry failed files
        </button>
        <button type="button" className="secondary" onClick={onSeal}>
          Continue without them
        </button>
      </div>
    );
  }
  if (phase.kind === "sealing") return <p role="status">Telling the server the upload is complete…</p>;
  if (phase.kind === "sealFailed") {
    return (
      <div role="alert" className="error">
        <p>The files are uploaded, but the server could not be told: {phase.message}</p>
        <button type="button" onClick={onSeal}>
          Try again
        </button>
      </div>
    );
  }
  return null;
}
