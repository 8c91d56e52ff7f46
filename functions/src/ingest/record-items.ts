import { AccountDeletedError, isAccountDeleted, sweepAccount, type AccountStores } from "../privacy/account-tombstone";
import type { ArchiveItem } from "./archive/archive-item";
import { completeFile, finishBatch } from "./batch-record";
import { commitStudy } from "./commit-study";
import { ingestItems, type FileOutcome, type ItemObserver } from "./ingest-items";
import { buildItemsTarget, refreshThumbnailQuietly, type TargetSettings } from "./ingest-target";
import { ProgressReporter } from "./progress";
import type { UserRefs } from "./refs";

/** One file of an upload batch: where its instances go and where its verdicts are recorded. */
export interface BatchFile {
  refs: UserRefs;
  uid: string;
  batchId: string;
  fileId: string;
  /** The name the user knows it by, shown with its progress and problems. */
  name: string;
}

/**
 * Runs one file's items through ingest and records them: every instance
 * stored once, the studies counted and their thumbnails refreshed, the
 * file's verdicts added to its batch, and the batch closed if this was its
 * last file. The Storage trigger (a browser upload) and STOW-RS (a request's
 * parts) both end here, so a gateway's instances get the same verdicts,
 * deduplication, quota and records as a dropped folder. Every step is safe to
 * repeat after a crash (docs/ingest.md, Exactly once).
 */
export async function ingestAndRecordItems(
  env: TargetSettings,
  file: BatchFile,
  items: AsyncIterable<ArchiveItem>,
  now: () => Date,
  observer?: ItemObserver,
): Promise<FileOutcome> {
  const { refs, uid, batchId, fileId, name } = file;
  const sourceKey = `${batchId}~${fileId}`;
  const progress = new ProgressReporter(refs.batch(batchId), fileId, name);
  await progress.start();

  const target = { ...buildItemsTarget(env, refs, uid), ...(observer ? { observer } : {}) };
  const outcome = await ingestItems(target, items, sourceKey, progress);
  await progress.settle();

  for (const contribution of outcome.studies.values()) {
    await commitStudy(env.db, refs, sourceKey, contribution, now());
    await refreshThumbnailQuietly(refs, env.instancesBucket, uid, contribution.study.StudyInstanceUID);
  }
  if (await completeFile(env.db, refs, batchId, fileId, name, outcome, now())) {
    await finishBatch(env.db, refs, batchId, now());
  }
  return outcome;
}

/**
 * Runs an ingest for an account that was live when it began. An erasure that
 * starts meanwhile makes the ingest's transactions refuse (AccountDeletedError),
 * and its sweep may have run before some of this ingest's writes: so the
 * account is checked again after the last write and swept here if needed.
 * @returns "account-deleted" when the account was erased; nothing of it is kept.
 */
export async function ingestForLiveAccount<T>(stores: AccountStores, uid: string, run: () => Promise<T>): Promise<T | "account-deleted"> {
  let result: T | "account-deleted";
  try {
    result = await run();
  } catch (error) {
    if (!(error instanceof AccountDeletedError)) throw error;
    result = "account-deleted";
  }
  if (await isAccountDeleted(stores.db, uid)) {
    await sweepAccount(stores, uid);
    return "account-deleted";
  }
  return result;
}
