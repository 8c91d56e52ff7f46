"use client";
/** A sealed batch, watched live: the server's progress, then its summary. */
import type { NotUploadedFile } from "@/lib/not-uploaded";
import { useUploadBatch } from "@/lib/upload-batches";
import { BatchProcessing } from "./BatchProcessing";
import { BatchSummary } from "./BatchSummary";

export function BatchStatus({ uid, batchId, notUploaded }: { uid: string; batchId: string; notUploaded: NotUploadedFile[] }) {
  const live = useUploadBatch(uid, batchId);
  if (live.status === "loading") {
    return (
      <p role="status" className="muted" aria-busy="true">
        Waiting for the server…
      </p>
    );
  }
  if (live.status === "error" || live.value === null) {
    return (
      <p role="alert" className="error">
        {live.status === "error" ? live.message : "This upload is not on record."}
      </p>
    );
  }
  const batch = live.value;
  return batch.status === "done" ? <BatchSummary uid={uid} batch={batch} notUploaded={notUploaded} /> : <BatchProcessing batch={batch} />;
}
