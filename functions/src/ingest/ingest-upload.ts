import { parseUploadPath, UploadObjectMetadata } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { storageSource } from "./archive/byte-source";
import { sanitizeEntryName } from "./archive/entry-name";
import { beginAttempt, describeError, describeGivingUp, MAX_INGEST_ATTEMPTS, recordAttemptError } from "./attempts";
import { ensureBatch } from "./batch-record";
import { expandUpload } from "./expand-upload";
import { giveUpFile } from "./give-up";
import type { IngestLimits } from "./limits";
import { AccountDeletedError, isAccountDeleted } from "../privacy/account-tombstone";
import { userRefs, type UserRefs } from "./refs";
import { ingestAndRecordItems, ingestForLiveAccount } from "./record-items";
import { startFanout, type FanoutSettings } from "./fanout/start-fanout";

export interface IngestEnvironment {
  db: Firestore;
  /** Where uploads arrive (the bucket the trigger watches). */
  uploadsBucket: Bucket;
  /** Where instances are stored: another bucket, so storing one does not fire the trigger again. */
  instancesBucket: Bucket;
  limits: IngestLimits;
  defaultQuotaBytes: number;
  /** Files parsed and claimed ahead (see ItemsTarget). */
  concurrency: number;
  /** Storage writes in flight. */
  writeConcurrency: number;
  maxBytesInFlight: number;
  now?: () => Date;
  /** Test seam: see ItemsTarget.afterStore. */
  afterStore?: (order: number) => void;
  /** Large archives in parallel (fanout/); absent, every upload is ingested in one run. */
  fanout?: FanoutSettings;
}

/** The finalized object, as the Storage trigger describes it. */
export interface FinalizedObject {
  name: string;
  size: number;
  metadata?: Record<string, string> | undefined;
  /** Storage's generation of the object: a file uploaded again under the same name is another delivery count. */
  generation?: string | number | undefined;
}

/**
 * "failed": the file crashed the ingest too often and was set aside with a reason (attempts.ts).
 * "account-deleted": the owner's account was erased; nothing of the upload is kept.
 * "fanned-out": a large archive, handed to one task per part (fanout/), which finish it.
 */
export type IngestResult = "ingested" | "already-ingested" | "ignored" | "failed" | "account-deleted" | "fanned-out";

/** One uploaded object being ingested, and where its records go. */
interface UploadContext {
  refs: UserRefs;
  uid: string;
  batchId: string;
  fileId: string;
  name: string;
  object: FinalizedObject;
}

/**
 * Ingests one uploaded object: every instance in it stored once, every other
 * file given a reason, the study and batch records updated, then the upload
 * deleted. Any step may be repeated after a crash: a redelivered event ends
 * in the same state as one delivery. A file that fails on every delivery is
 * set aside after the third (attempts.ts, give-up.ts), so its batch finishes.
 */
export async function ingestUploadedObject(env: IngestEnvironment, object: FinalizedObject): Promise<IngestResult> {
  const path = parseUploadPath(object.name);
  if (!path) return "ignored";
  const stores = { db: env.db, uploadsBucket: env.uploadsBucket, instancesBucket: env.instancesBucket };
  // An upload of an erased account (sent from a tab still open, or delivered late) stores nothing.
  if (await isAccountDeleted(env.db, path.uid)) {
    await env.uploadsBucket.file(object.name).delete({ ignoreNotFound: true });
    return "account-deleted";
  }
  return ingestForLiveAccount(stores, path.uid, () => ingestLiveAccount(env, object, path));
}

async function ingestLiveAccount(env: IngestEnvironment, object: FinalizedObject, path: NonNullable<ReturnType<typeof parseUploadPath>>): Promise<IngestResult> {
  const now = env.now ?? (() => new Date());
  const { uid, batchId, fileId } = path;
  const refs = userRefs(env.db, uid);
  const upload = env.uploadsBucket.file(object.name);

  if ((await refs.batchFile(batchId, fileId).get()).exists) {
    // Done before (a redelivery after the record was written): only the cleanup may be left.
    await upload.delete({ ignoreNotFound: true });
    return "already-ingested";
  }
  await ensureBatch(refs, batchId, object.size, now());
  const context: UploadContext = { refs, uid, batchId, fileId, name: displayName(object, fileId), object };
  const giveUp = async (detail: string): Promise<IngestResult> => {
    await giveUpFile({ db: env.db, instancesBucket: env.instancesBucket, ...context }, detail, now());
    await upload.delete({ ignoreNotFound: true });
    return "failed";
  };
  // Counted before any work, so that a run killed for memory or time counts too.
  const attempt = await beginAttempt(env.db, refs, batchId, fileId, generationOf(object), now());
  if (attempt.number > MAX_INGEST_ATTEMPTS) return giveUp(describeGivingUp(attempt.number - 1, attempt.lastError));
  try {
    if (await ingestOnce(env, context, now)) return "fanned-out";
  } catch (error) {
    // An erased account is no crash of this file: nothing to count, nothing to set aside.
    if (error instanceof AccountDeletedError) throw error;
    await recordAttemptError(attempt, error);
    if (attempt.number < MAX_INGEST_ATTEMPTS) throw error;
    console.error(`ingest: setting ${object.name} aside after ${attempt.number} failed attempts`, error);
    return giveUp(describeGivingUp(attempt.number, describeError(error)));
  }
  return "ingested";
}

/**
 * One attempt: every instance stored, the studies and the batch counted, then the upload deleted.
 * A large archive is instead handed to parallel tasks, which finish it (fanout/).
 * @returns whether the archive was handed to tasks.
 */
async function ingestOnce(env: IngestEnvironment, context: UploadContext, now: () => Date): Promise<boolean> {
  const { name, object } = context;
  const upload = env.uploadsBucket.file(object.name);
  const source = storageSource(upload, object.size);
  if (env.fanout && object.size >= env.fanout.minArchiveBytes) {
    if (await startFanout(env.db, env.fanout, { ...context, generation: generationOf(object) }, source, env.limits, now())) return true;
  }
  await ingestAndRecordItems(env, context, expandUpload(source, name, env.limits), now);
  // Only now is everything in the upload accounted for; until here a retry needs it.
  await upload.delete({ ignoreNotFound: true });
  return false;
}

function generationOf(object: FinalizedObject): string {
  return String(object.generation ?? "unknown");
}

/** The name the user knows the file by: its path in the dropped folder, cleaned. */
function displayName(object: FinalizedObject, fileId: string): string {
  const metadata = UploadObjectMetadata.safeParse(object.metadata ?? {});
  return sanitizeEntryName(metadata.success ? metadata.data.relativePath : fileId);
}
