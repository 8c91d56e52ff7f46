import { EXPORT_LINK_DAYS, UploadBatch } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Firestore, QueryDocumentSnapshot } from "firebase-admin/firestore";
import type { z } from "zod";
import { purgeExpiredCopies } from "../deidentified-shares";
import { deleteObjects } from "../delete-objects";
import { parseSnapshot } from "../ingest/firestore-data";
import { shareRefs, ShareTokenRecord } from "../shares/share-refs";

/**
 * Retention (docs/privacy.md), run daily by `purgeExpiredData` and callable
 * on its own in tests:
 * - share links and their tokens and access logs, 30 days after they expired (their `purgeAt`);
 * - wrong-PIN counters once their window is over;
 * - failed uploads, 30 days after their last change: batches never sealed or
 *   still unfinished, and finished batches that stored nothing, with any
 *   upload objects left behind;
 * - data exports once their 7-day link has ended, and study ZIPs a day
 *   after their 15-minute link did;
 * - personal access tokens, 30 days after they expired or were revoked (their `purgeAt`);
 * - de-identified copies of share links, as soon as the link has expired
 *   (a task deletes them at the expiry; this catches any it missed);
 * - audit entries past their retention (Firestore's TTL on `expireAt` does
 *   this too; the sweep keeps the promise where TTL lags or is not set up).
 */
export const FAILED_UPLOAD_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;
/** Deletes are batched per page so that one run's memory stays flat. */
const PAGE = 200;

export interface PurgeDeps {
  db: Firestore;
  uploadsBucket: () => Bucket;
  instancesBucket: () => Bucket;
  now?: () => Date;
}

export interface PurgeCounts {
  shareLinks: number;
  shareAttempts: number;
  failedUploads: number;
  preparedZips: number;
  auditEntries: number;
  accessTokens: number;
  /** Links whose de-identified copies were deleted because they expired. */
  deidentifiedCopies: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Objects under `prefix` created before `cutoff`: prepared ZIPs whose links have ended. */
async function purgeObjectsBefore(bucket: Bucket, prefix: string, cutoff: Date): Promise<number> {
  const [files] = await bucket.getFiles({ prefix });
  return deleteObjects(files.filter((file) => new Date(String(file.metadata.timeCreated)).getTime() <= cutoff.getTime()));
}

/** A batch the user will never see finish: purged once it has been quiet for 30 days. */
export function isFailedUpload(batch: UploadBatch): boolean {
  if (batch.status !== "done") return true;
  return batch.counts.stored === 0 && batch.counts.duplicate === 0;
}

/**
 * A document through its schema, or null with a warning when it does not
 * fit: retention must not stop at one malformed record, and must not delete
 * what it cannot judge.
 */
function readOrSkip<T>(schema: z.ZodType<T>, doc: QueryDocumentSnapshot): T | null {
  try {
    return parseSnapshot(schema, doc);
  } catch (error) {
    console.warn(`retention: skipped ${doc.ref.path}, which does not match its schema`, error);
    return null;
  }
}

async function forEachPage(query: FirebaseFirestore.Query, handle: (docs: QueryDocumentSnapshot[]) => Promise<number>): Promise<number> {
  let total = 0;
  let last: QueryDocumentSnapshot | undefined;
  for (;;) {
    const page = await (last ? query.startAfter(last) : query).limit(PAGE).get();
    if (page.empty) return total;
    total += await handle(page.docs);
    last = page.docs.at(-1);
  }
}

async function purgeShareLinks(deps: PurgeDeps, now: Date): Promise<number> {
  const refs = shareRefs(deps.db);
  return forEachPage(deps.db.collection("shareTokens").where("purgeAt", "<=", now).orderBy("purgeAt"), async (docs) => {
    for (const doc of docs) {
      const token = readOrSkip(ShareTokenRecord, doc);
      if (!token) continue;
      await deps.db.recursiveDelete(refs.link(token.ownerUid, token.linkId));
      await doc.ref.delete();
    }
    return docs.length;
  });
}

async function purgeQuery(deps: PurgeDeps, query: FirebaseFirestore.Query): Promise<number> {
  return forEachPage(query, async (docs) => {
    const writer = deps.db.bulkWriter();
    for (const doc of docs) void writer.delete(doc.ref);
    await writer.close();
    return docs.length;
  });
}

async function purgeFailedUploads(deps: PurgeDeps, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - FAILED_UPLOAD_RETENTION_MS);
  const query = deps.db.collectionGroup("uploads").where("updatedAt", "<=", cutoff).orderBy("updatedAt");
  return forEachPage(query, async (docs) => {
    let purged = 0;
    for (const doc of docs) {
      const uid = doc.ref.parent.parent?.id;
      const batch = readOrSkip(UploadBatch, doc);
      if (!uid || !batch || !isFailedUpload(batch)) continue;
      await deps.uploadsBucket().deleteFiles({ prefix: `uploads/${uid}/${doc.id}/`, force: true });
      await deps.db.recursiveDelete(doc.ref);
      purged += 1;
    }
    return purged;
  });
}

export async function purgeExpiredData(deps: PurgeDeps): Promise<PurgeCounts> {
  const now = deps.now?.() ?? new Date();
  return {
    shareLinks: await purgeShareLinks(deps, now),
    shareAttempts: await purgeQuery(deps, deps.db.collection("shareAttempts").where("expireAt", "<=", now).orderBy("expireAt")),
    failedUploads: await purgeFailedUploads(deps, now),
    preparedZips:
      (await purgeObjectsBefore(deps.instancesBucket(), "exports/", new Date(now.getTime() - EXPORT_LINK_DAYS * DAY_MS))) +
      (await purgeObjectsBefore(deps.instancesBucket(), "downloads/", new Date(now.getTime() - DAY_MS))),
    auditEntries: await purgeQuery(deps, deps.db.collectionGroup("auditLog").where("expireAt", "<=", now).orderBy("expireAt")),
    accessTokens: await purgeQuery(deps, deps.db.collection("accessTokens").where("purgeAt", "<=", now).orderBy("purgeAt")),
    deidentifiedCopies: await purgeExpiredCopies(deps, now),
  };
}
