import { FieldValue, type DocumentReference, type Firestore } from "firebase-admin/firestore";
import type { UserRefs } from "./refs";

/**
 * Deliveries of one upload before it is given up. The trigger runs with
 * `retry: true` so that a crash (Firestore or Storage down, a restarted
 * instance) never loses a file; a file that crashes the function every time
 * would then be redelivered for days, and its batch would never finish.
 */
export const MAX_INGEST_ATTEMPTS = 3;

export interface Attempt {
  /** 1 for the first delivery. */
  number: number;
  /** The error the previous attempt recorded, if it could (an out-of-memory kill records none). */
  lastError: string | undefined;
  ref: DocumentReference;
}

/**
 * Counts a delivery of one object, before any work: a run that dies without
 * a word (killed for memory or time) is still counted. Keyed by the object's
 * generation, so that a file uploaded again under the same name starts afresh.
 */
export async function beginAttempt(db: Firestore, refs: UserRefs, batchId: string, fileId: string, generation: string, now: Date): Promise<Attempt> {
  const ref = refs.ingestAttempt(batchId, `${fileId}~${generation}`);
  return db.runTransaction(async (tx) => {
    const snapshot = await tx.get(ref);
    const number = Number(snapshot.get("attempts") ?? 0) + 1;
    tx.set(ref, { attempts: number, updatedAt: now }, { merge: true });
    const lastError = snapshot.get("lastError");
    return { number, lastError: typeof lastError === "string" ? lastError : undefined, ref };
  });
}

/** Keeps the error for the verdict a later delivery may have to give. Best effort: the run is failing anyway. */
export async function recordAttemptError(attempt: Attempt, error: unknown): Promise<void> {
  try {
    await attempt.ref.update({ lastError: describeError(error), updatedAt: FieldValue.serverTimestamp() });
  } catch (recordError) {
    console.warn("ingest: could not record the failed attempt", recordError);
  }
}

export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.length <= 300 ? message : `${message.slice(0, 299)}…`;
}

/** What the user reads for a file that was given up. */
export function describeGivingUp(attempts: number, lastError: string | undefined): string {
  const why = lastError ? `the ingest failed ${attempts} times on this file (last error: ${lastError})` : `the ingest stopped ${attempts} times on this file without finishing (it may have run out of memory or time)`;
  return `${why}; it was set aside so that the rest of the upload could finish — nothing of it was stored. Try uploading it again; if it fails again, the file may be damaged`;
}
