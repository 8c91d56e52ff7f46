import type { ShareOpenRefusal } from "@pacs/shared";

/**
 * A de-identified link whose copy the server is still making: no view was
 * spent. The recipient tries again with the button; the page itself tries
 * only a few times, spaced out, so that a forgotten tab does not poll forever.
 */
export function PreparingShare({
  refusal,
  busy,
  autoRetryInSeconds,
  onRetry,
}: {
  refusal: ShareOpenRefusal;
  busy: boolean;
  autoRetryInSeconds: number | null;
  onRetry: () => void;
}) {
  return (
    <div className="card" data-share-state={refusal.state}>
      <h1>The shared study is being prepared</h1>
      <p role="status">{refusal.error}</p>
      <p className="muted">
        {autoRetryInSeconds !== null
          ? `This page tries again by itself in about ${autoRetryInSeconds} seconds, or you can try now.`
          : "Try again in a minute. Opening it does not use up a view until it is ready."}
      </p>
      <button type="button" onClick={onRetry} disabled={busy} aria-busy={busy}>
        {busy ? "Trying…" : "Try again"}
      </button>
    </div>
  );
}
