import { ShareLinkRecord } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { auditLog, newAuditEntry } from "../audit/audit-log";
import { deleteObjects } from "../delete-objects";
import { parseSnapshot } from "../ingest/firestore-data";
import { tombstoneRef } from "../privacy/account-tombstone";
import { shareRefs } from "../shares/share-refs";
import { DeidentifiedShareRecord, deidentifiedPrefix, deidentifiedShareRefs } from "./deidentified-share-refs";

export interface DeleteCopiesDeps {
  db: Firestore;
  instancesBucket: () => Bucket;
  now?: () => Date;
}

async function deletePrefix(bucket: Bucket, prefix: string): Promise<number> {
  const [files] = await bucket.getFiles({ prefix });
  return deleteObjects(files);
}

/**
 * Deletes one link's copies (objects under `deidentified/{ownerUid}/{linkId}/`)
 * and its server-only documents (the key and the copies' metadata), without
 * touching the link. How many objects went.
 */
export async function deleteCopyObjects(deps: DeleteCopiesDeps, ownerUid: string, linkId: string): Promise<number> {
  const objects = await deletePrefix(deps.instancesBucket(), deidentifiedPrefix(ownerUid, linkId));
  await deps.db.recursiveDelete(deidentifiedShareRefs(deps.db).share(linkId));
  return objects;
}

/**
 * A de-identified link's copies go: at revoke, at expiry, when its study is
 * deleted. The link says "deleted" first (with `deidentified-copies-deleted`
 * in the owner's log, once), so that a preparation still running sees it
 * and deletes what it writes after this; then the objects and documents go.
 * Safe to run again: each step deletes what is left. A link without copies,
 * or whose preparation failed (which deleted them), keeps its state.
 */
export async function deleteDeidentifiedCopies(deps: DeleteCopiesDeps, ownerUid: string, linkId: string): Promise<void> {
  const { db } = deps;
  const linkRef = shareRefs(db).link(ownerUid, linkId);
  const auditRef = auditLog(db, ownerUid).doc(`deidentified-copies-deleted-${linkId}`);
  await db.runTransaction(async (tx) => {
    const [link, tombstone, audit] = await Promise.all([tx.get(linkRef), tx.get(tombstoneRef(db, ownerUid)), tx.get(auditRef)]);
    if (!link.exists || tombstone.exists) return;
    const record = parseSnapshot(ShareLinkRecord, link);
    const status = record.deidentification?.status;
    if (status !== "preparing" && status !== "ready") return;
    tx.update(linkRef, { "deidentification.status": "deleted", "deidentification.bytes": 0 });
    const now = deps.now?.() ?? new Date();
    if (!audit.exists) tx.create(auditRef, newAuditEntry({ action: "deidentified-copies-deleted", actor: "owner", StudyInstanceUID: record.StudyInstanceUID, linkId }, now));
  });
  await deleteCopyObjects(deps, ownerUid, linkId);
}

/** Every de-identified copy of an account, at its erasure: the whole `deidentified/{uid}/` prefix and the server-only documents. */
export async function deleteAccountCopies(deps: DeleteCopiesDeps, uid: string): Promise<{ storageObjects: number; firestoreDocuments: number }> {
  const storageObjects = await deletePrefix(deps.instancesBucket(), `deidentified/${uid}/`);
  const shares = await deidentifiedShareRefs(deps.db).shares.where("ownerUid", "==", uid).get();
  for (const share of shares.docs) await deps.db.recursiveDelete(share.ref);
  return { storageObjects, firestoreDocuments: shares.size };
}

/**
 * Retention: copies of links whose expiry has passed, found by their
 * server-only document (which outlives the copies only when a deletion
 * died part-way). Returns how many links' copies went.
 */
export async function purgeExpiredCopies(deps: DeleteCopiesDeps, now: Date): Promise<number> {
  const expired = await deidentifiedShareRefs(deps.db).shares.where("expiresAt", "<=", now).get();
  for (const doc of expired.docs) {
    const share = DeidentifiedShareRecord.pick({ ownerUid: true, linkId: true }).safeParse(doc.data());
    if (!share.success) {
      console.warn(`retention: skipped ${doc.ref.path}, which does not match its schema`);
      continue;
    }
    await deleteDeidentifiedCopies(deps, share.data.ownerUid, share.data.linkId);
  }
  return expired.size;
}
