"use client";
/** The Firebase Storage side of an upload run: one resumable upload per file, as storage.rules expect. */
import { buildUploadPath } from "@pacs/shared";
import { ref, uploadBytesResumable, type FirebaseStorage } from "firebase/storage";
import type { PickedFile } from "./collect-files";
import type { StartUpload } from "./upload-run";

/** Starts uploads into `uploads/{uid}/{batchId}/{fileId}` with the content type and metadata the rules check. */
export function startStorageUploads(storage: FirebaseStorage, uid: string, batchId: string): StartUpload<PickedFile> {
  return (planned, onProgress) => {
    const task = uploadBytesResumable(ref(storage, buildUploadPath(uid, batchId, planned.fileId)), planned.file, {
      contentType: planned.contentType,
      customMetadata: planned.metadata,
    });
    const done = new Promise<void>((resolve, reject) => {
      task.on("state_changed", (snapshot) => onProgress(snapshot.bytesTransferred), reject, () => resolve());
    });
    return {
      pause: () => void task.pause(),
      resume: () => void task.resume(),
      cancel: () => {
        // The SDK ignores cancel() on a paused task (only running or pausing ones are cancelled), so resume it first.
        if (task.snapshot.state === "paused") task.resume();
        task.cancel();
      },
      done,
    };
  };
}
