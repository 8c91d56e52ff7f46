"use client";
/** `users/{uid}/uploads/{batchId}`: written by the server while it ingests, watched by the upload page. */
import { UploadBatch } from "@pacs/shared";
import { doc, onSnapshot, type Firestore } from "firebase/firestore";
import { schemaConverter } from "./firestore-schema";
import { useLive, type Live } from "./use-live";

export const uploadBatchConverter = schemaConverter(UploadBatch);

export function uploadBatchRef(db: Firestore, uid: string, batchId: string) {
  return doc(db, "users", uid, "uploads", batchId).withConverter(uploadBatchConverter);
}

/** The batch as the server reports it, live; null until the server has written it. */
export function useUploadBatch(uid: string, batchId: string): Live<UploadBatch | null> {
  return useLive(`uploads/${uid}/${batchId}`, "this upload's progress", (db, next, fail) =>
    onSnapshot(uploadBatchRef(db, uid, batchId), (snapshot) => {
      try {
        next(snapshot.exists() ? snapshot.data() : null);
      } catch (error) {
        fail(error);
      }
    }, fail),
  );
}
