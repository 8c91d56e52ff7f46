import type { Firestore } from "firebase-admin/firestore";
import type { UserRefs } from "./refs";

/**
 * The file list of a DICOMDIR uploaded as a loose file of a folder, kept
 * until the whole batch is in (batch-record.ts `finishBatch` checks it). A
 * large disc lists tens of thousands of files, megabytes of names: far more
 * than the 1 MiB one Firestore document holds, so the list is stored in
 * chunk documents beside the batch, each well below that.
 */

/** UTF-8 bytes of names per chunk document: a quarter of Firestore's 1 MiB, whatever the names. */
export const MAX_REFERENCE_CHUNK_BYTES = 256 * 1024;
/** Chunk documents written per commit (a commit carries at most 10 MiB). */
const CHUNKS_PER_COMMIT = 8;

/** Cuts a list of names into groups of at most `maxBytes` (Firestore counts a string as its UTF-8 bytes + 1). */
export function chunkReferences(references: string[], maxBytes = MAX_REFERENCE_CHUNK_BYTES): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const reference of references) {
    const size = Buffer.byteLength(reference, "utf8") + 1;
    if (current.length > 0 && bytes + size > maxBytes) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(reference);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * Writes the chunks with ids derived from the file, so a redelivered ingest
 * overwrites the same documents. @returns how many chunks there are.
 */
export async function saveDeferredReferences(db: Firestore, refs: UserRefs, batchId: string, fileId: string, references: string[]): Promise<number> {
  const chunks = chunkReferences(references);
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_COMMIT) {
    const batch = db.batch();
    chunks.slice(i, i + CHUNKS_PER_COMMIT).forEach((chunk, j) => batch.set(refs.dicomdirReferences(batchId, `${fileId}~${i + j}`), { references: chunk }));
    await batch.commit();
  }
  return chunks.length;
}

export async function readDeferredReferences(refs: UserRefs, batchId: string, fileId: string, chunks: number): Promise<string[]> {
  const snapshots = await Promise.all(Array.from({ length: chunks }, (_, n) => refs.dicomdirReferences(batchId, `${fileId}~${n}`).get()));
  return snapshots.flatMap((snapshot) => (snapshot.get("references") as string[] | undefined) ?? []);
}
