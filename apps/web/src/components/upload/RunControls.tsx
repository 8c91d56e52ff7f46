"use client";
/** Pause/resume and cancel for a running upload; cancelling asks first, since the files not yet sent are dropped. */
import { useState } from "react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import type { PickedFile } from "@/lib/collect-files";
import { formatQuantity } from "@/lib/format";
import type { UploadRun } from "@/lib/upload-run";

export function RunControls({ run }: { run: UploadRun<PickedFile> }) {
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const { counts } = run.summary();
  const unsent = counts.waiting + counts.uploading + counts.retrying;
  return (
    <div className="actions">
      {run.paused ? (
        <button type="button" onClick={() => run.resume()}>
          Resume
        </button>
      ) : (
        <button type="button" className="secondary" onClick={() => run.pause()}>
          Pause
        </button>
      )}
      <button type="button" className="secondary danger-text" onClick={() => setConfirmingCancel(true)}>
        Cancel upload
      </button>
      {confirmingCancel ? (
        <ConfirmDialog
          title="Cancel this upload?"
          confirmLabel="Cancel upload"
          cancelLabel="Keep uploading"
          onCancel={() => setConfirmingCancel(false)}
          onConfirm={() => {
            setConfirmingCancel(false);
            run.cancel();
          }}
        >
          <p>
            {formatQuantity(unsent, "file")} not yet uploaded will be left out.{" "}
            {counts.done > 0 ? `The ${formatQuantity(counts.done, "file")} already uploaded will still be processed.` : "Nothing has been uploaded yet."}
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
