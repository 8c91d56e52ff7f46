import { parseUploadPath, UploadObjectMetadata } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { storageSource } from "./archive/byte-source";
import { sanitizeEntryName } from "./archive/entry-name";
import { completeFile, ensureBatch, finishBatch } from "./batch-record";
import { commitStudy } from "./commit-study";
import { expandUpload } from "./expand-upload";
import { ClaimBatcher } from "./claim-batcher";
import { ingestItems } from "./ingest-items";
import type { IngestLimits } from "./limits";
import { ProgressReporter } from "./progress";
import { AccountDeletedError, isAccountDeleted, sweepAccount } from "../privacy/account-tombstone";
import { QuotaGate } from "./quota";
import { userRefs } from "./refs";
import { refreshStudyThumbnail } from "./study-thumbnail";
import { Semaphore } from "./semaphore";

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
}

/** The finalized object, as the Storage trigger describes it. */
export interface FinalizedObject {
  name: string;
  size: number;
  metadata?: Record<string, string> | undefined;
}

export type IngestResult = "ingested" | "already-ingested" | "ignored" | "account-deleted";

/**
 * Ingests one uploaded object: every instance in it stored once, every other
 * file given a reason, the study and batch records updated, then the upload
 * deleted. Any step may be repeated after a crash: a redelivered event ends
 * in the same state as one delivery.
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
  let result: IngestResult;
  try {
    result = await ingestLiveAccount(env, object, path);
  } catch (error) {
    if (!(error instanceof AccountDeletedError)) throw error;
    result = "account-deleted";
  }
  // Checked after this ingest's last write: if the erasure began meanwhile,
  // its sweep may have run before some of those writes, so sweep them here.
  if (await isAccountDeleted(env.db, path.uid)) {
    await sweepAccount(stores, path.uid);
    return "account-deleted";
  }
  return result;
}

async function ingestLiveAccount(env: IngestEnvironment, object: FinalizedObject, path: NonNullable<ReturnType<typeof parseUploadPath>>): Promise<IngestResult> {
  const now = env.now ?? (() => new Date());
  const { uid, batchId, fileId } = path;
  const refs = userRefs(env.db, uid);
  const upload = env.uploadsBucket.file(object.name);
  const sourceKey = `${batchId}~${fileId}`;

  if ((await refs.batchFile(batchId, fileId).get()).exists) {
    // Done before (a redelivery after the record was written): only the cleanup may be left.
    await upload.delete({ ignoreNotFound: true });
    return "already-ingested";
  }
  await ensureBatch(refs, batchId, object.size, now());
  const name = displayName(object, fileId);
  const progress = new ProgressReporter(refs.batch(batchId), fileId, name);
  await progress.start();

  const quota = await QuotaGate.load(refs, env.defaultQuotaBytes);
  const items = expandUpload(storageSource(upload, object.size), name, env.limits);
  const target = {
    bucket: env.instancesBucket,
    refs,
    uid,
    quota,
    claims: new ClaimBatcher(env.db),
    writes: new Semaphore(env.writeConcurrency),
    concurrency: env.concurrency,
    maxBytesInFlight: env.maxBytesInFlight,
    afterStore: env.afterStore,
  };
  const outcome = await ingestItems(target, items, sourceKey, progress);
  await progress.settle();

  for (const contribution of outcome.studies.values()) {
    await commitStudy(env.db, refs, sourceKey, contribution, now());
    await refreshThumbnailQuietly(refs, env.instancesBucket, uid, contribution.study.StudyInstanceUID);
  }
  if (await completeFile(env.db, refs, batchId, fileId, name, outcome, now())) {
    await finishBatch(env.db, refs, batchId, now());
  }
  // Only now is everything in the upload accounted for; until here a retry needs it.
  await upload.delete({ ignoreNotFound: true });
  return "ingested";
}

/** The name the user knows the file by: its path in the dropped folder, cleaned. */
function displayName(object: FinalizedObject, fileId: string): string {
  const metadata = UploadObjectMetadata.safeParse(object.metadata ?? {});
  return sanitizeEntryName(metadata.success ? metadata.data.relativePath : fileId);
}

/**
 * A thumbnail is a nicety: failing to render one (a codec crash, a read
 * error) is logged and never fails the ingest or makes it retry.
 */
async function refreshThumbnailQuietly(refs: ReturnType<typeof userRefs>, bucket: Bucket, uid: string, studyUID: string): Promise<void> {
  try {
    await refreshStudyThumbnail(refs, bucket, uid, studyUID);
  } catch (error) {
    console.warn(`thumbnail for study ${studyUID} of ${uid} not rendered`, error);
  }
}
