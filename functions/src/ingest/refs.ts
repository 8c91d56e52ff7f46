import type { Firestore } from "firebase-admin/firestore";

/**
 * Every Firestore document ingest writes, in one place. All live under the
 * owner's `users/{uid}` so that rules, export and account deletion see one
 * tree per user.
 */
export function userRefs(db: Firestore, uid: string) {
  const user = db.collection("users").doc(uid);
  return {
    user,
    batch: (batchId: string) => user.collection("uploads").doc(batchId),
    batchFile: (batchId: string, fileId: string) => user.collection("uploads").doc(batchId).collection("files").doc(fileId),
    batchFiles: (batchId: string) => user.collection("uploads").doc(batchId).collection("files"),
    study: (studyUID: string) => user.collection("studies").doc(studyUID),
    instanceChunk: (studyUID: string, chunkId: string) => user.collection("studies").doc(studyUID).collection("instanceChunks").doc(chunkId),
    /** Marks that one uploaded file's contribution to a study was counted: the exactly-once guard for counts. */
    studySource: (studyUID: string, sourceKey: string) => user.collection("studies").doc(studyUID).collection("sources").doc(sourceKey),
    /** One per stored SOP instance: the exactly-once guard for instances (created, never overwritten). */
    instanceClaim: (sopInstanceUID: string) => user.collection("instances").doc(sopInstanceUID),
    /** Deliveries of one uploaded object (`${fileId}~${generation}`), so that a file that always crashes is given up (attempts.ts). */
    ingestAttempt: (batchId: string, key: string) => user.collection("uploads").doc(batchId).collection("attempts").doc(key),
    /** A large archive's plan and how many of its parts are done: the finisher's guard (fanout/archive-record.ts). */
    archive: (batchId: string, fileId: string) => user.collection("uploads").doc(batchId).collection("archives").doc(fileId),
    /** One part's outcome, created once: the exactly-once marker for that part's verdicts. */
    archiveRange: (batchId: string, fileId: string, index: number) =>
      user.collection("uploads").doc(batchId).collection("archives").doc(fileId).collection("ranges").doc(String(index).padStart(4, "0")),
    /** A chunk of a loose DICOMDIR's file list (`${fileId}~${n}`), kept for the batch-level check (dicomdir-references.ts). */
    dicomdirReferences: (batchId: string, chunkId: string) => user.collection("uploads").doc(batchId).collection("dicomdirReferences").doc(chunkId),
  };
}
export type UserRefs = ReturnType<typeof userRefs>;
