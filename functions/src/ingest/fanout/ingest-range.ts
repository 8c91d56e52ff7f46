import { EMPTY_VERDICT_COUNTS } from "@pacs/shared";
import { storageSource } from "../archive/byte-source";
import { AccountDeletedError, isAccountDeleted, sweepAccount } from "../../privacy/account-tombstone";
import { beginAttempt, describeError, describeGivingUp, MAX_INGEST_ATTEMPTS, recordAttemptError } from "../attempts";
import { commitStudy } from "../commit-study";
import { DicomdirCheck } from "../dicomdir-check";
import { expandUpload } from "../expand-upload";
import { parseSnapshot } from "../firestore-data";
import { undoUncountedInstances } from "../give-up";
import { ingestItems, type FileOutcome } from "../ingest-items";
import { buildItemsTarget } from "../ingest-target";
import type { IngestEnvironment } from "../ingest-upload";
import { ProgressReporter } from "../progress";
import { userRefs, type UserRefs } from "../refs";
import { ArchiveFanout, rangeProgressKey, rangeSourceKey, type RangeTask } from "./archive-record";
import { finishArchive } from "./finish-archive";
import { recordRange } from "./record-range";

/**
 * "ingested": this part is recorded; "already-ingested": it was before (a
 * redelivered task); "failed": it crashed too often and was set aside;
 * "ignored": no such plan or part; "account-deleted": the owner was erased.
 */
export type RangeResult = "ingested" | "already-ingested" | "failed" | "ignored" | "account-deleted";

/**
 * One task of a large archive: ingests the entries of one part with the same
 * pipeline as a whole upload (claims, chunks, studies counted once per part
 * through their `sources` marker), records the part once, and, if it was the
 * last part, finishes the archive. A retried task ends in the same state as
 * one run; a part that crashes on every attempt is set aside like a file.
 */
export async function ingestArchiveRange(env: IngestEnvironment, task: RangeTask): Promise<RangeResult> {
  // An erased account's tasks store nothing; its sweep has deleted the upload.
  if (await isAccountDeleted(env.db, task.uid)) return "account-deleted";
  let result: RangeResult;
  try {
    result = await ingestLiveRange(env, userRefs(env.db, task.uid), task);
  } catch (error) {
    if (!(error instanceof AccountDeletedError)) throw error;
    result = "account-deleted";
  }
  // As for a whole upload (ingest-upload.ts): writes that raced an erasure are swept here.
  if (await isAccountDeleted(env.db, task.uid)) {
    await sweepAccount({ db: env.db, uploadsBucket: env.uploadsBucket, instancesBucket: env.instancesBucket }, task.uid);
    return "account-deleted";
  }
  return result;
}

async function ingestLiveRange(env: IngestEnvironment, refs: UserRefs, task: RangeTask): Promise<RangeResult> {
  const now = env.now ?? (() => new Date());
  const snapshot = await refs.archive(task.batchId, task.fileId).get();
  if (!snapshot.exists) {
    console.error(`ingest: task for ${JSON.stringify(task)} has no plan; nothing to do`);
    return "ignored";
  }
  const plan = parseSnapshot(ArchiveFanout, snapshot);
  if (!plan.ranges[task.index]) {
    console.error(`ingest: task for part ${task.index} of ${plan.ranges.length} of ${plan.objectName}; nothing to do`);
    return "ignored";
  }
  if ((await refs.archiveRange(task.batchId, task.fileId, task.index).get()).exists) {
    // Recorded before; the finisher may have crashed after, so it is run again if the archive is not finished.
    if (plan.rangesDone >= plan.ranges.length && !plan.finishedAt) await finishArchive(env, refs, task, now);
    return "already-ingested";
  }
  const attempt = await beginAttempt(env.db, refs, task.batchId, rangeProgressKey(task.fileId, task.index), plan.generation, now());
  if (attempt.number > MAX_INGEST_ATTEMPTS) return giveUpRange(env, refs, task, plan, describeGivingUp(attempt.number - 1, attempt.lastError), now);
  try {
    await ingestRangeOnce(env, refs, task, plan, now);
  } catch (error) {
    if (error instanceof AccountDeletedError) throw error;
    await recordAttemptError(attempt, error);
    if (attempt.number < MAX_INGEST_ATTEMPTS) throw error;
    console.error(`ingest: setting part ${task.index} of ${plan.objectName} aside after ${attempt.number} failed attempts`, error);
    return giveUpRange(env, refs, task, plan, describeGivingUp(attempt.number, describeError(error)), now);
  }
  return "ingested";
}

async function ingestRangeOnce(env: IngestEnvironment, refs: UserRefs, task: RangeTask, plan: ArchiveFanout, now: () => Date): Promise<void> {
  const range = plan.ranges[task.index]!;
  const sourceKey = rangeSourceKey(task.batchId, task.fileId, task.index);
  const progress = new ProgressReporter(refs.batch(task.batchId), rangeProgressKey(task.fileId, task.index), `${plan.name} (part ${task.index + 1} of ${plan.ranges.length})`);
  await progress.start();
  const items = expandUpload(storageSource(env.uploadsBucket.file(plan.objectName), plan.size), plan.name, env.limits, range);
  // The DICOMDIR check waits for every part (finish-archive.ts).
  const outcome = await ingestItems(buildItemsTarget(env, refs, task.uid), items, sourceKey, progress, false);
  await progress.settle();
  for (const contribution of outcome.studies.values()) await commitStudy(env.db, refs, sourceKey, contribution, now());
  if (await recordRange(env.db, refs, task, outcome, now())) await finishArchive(env, refs, task, now);
}

/**
 * A part that crashes on every attempt: what its runs left half done is
 * undone (give-up.ts), and it is recorded as one failed entry naming the
 * entries it held, so the archive and its batch still finish.
 */
async function giveUpRange(env: IngestEnvironment, refs: UserRefs, task: RangeTask, plan: ArchiveFanout, detail: string, now: () => Date): Promise<RangeResult> {
  const range = plan.ranges[task.index]!;
  const target = { db: env.db, instancesBucket: env.instancesBucket, refs, uid: task.uid, batchId: task.batchId, fileId: task.fileId, name: plan.name };
  await undoUncountedInstances(target, rangeSourceKey(task.batchId, task.fileId, task.index));
  const file = `${plan.name} (entries ${range.start + 1}–${range.end})`;
  const outcome: FileOutcome = {
    counts: { ...EMPTY_VERDICT_COUNTS, failed: 1 },
    problems: [{ file, verdict: "failed", reason: "ingest-crashed", detail }],
    studies: new Map(),
    dicomdirs: new DicomdirCheck(),
  };
  if (await recordRange(env.db, refs, task, outcome, now())) await finishArchive(env, refs, task, now);
  return "failed";
}
