import type { Bucket } from "@google-cloud/storage";
import type { Firestore, Transaction } from "firebase-admin/firestore";
import { accessTokensOf } from "../access-tokens/access-token-refs";
import { deleteObjects } from "../delete-objects";
import { ApiError } from "../http/api-request";
import { userRefs } from "../ingest/refs";
import { sha256Hex } from "../sha256";

/**
 * `deletedAccounts/{sha256(uid)}`: written when an account's erasure begins,
 * before anything is deleted, and kept. Only the hash of the uid is stored
 * (as in the deletion proof). Server-side writers that outlive a request
 * (ingest) check it inside their transaction, or after their last write, so
 * that nothing of the account lands after its erasure. No rule opens it.
 */
export function tombstoneRef(db: Firestore, uid: string) {
  return db.collection("deletedAccounts").doc(sha256Hex(uid));
}

/** Thrown by a write refused because its account is being, or has been, deleted. */
export class AccountDeletedError extends ApiError {
  constructor(uid: string) {
    // An API call that meets it answers 401 with this sentence (http/routes.ts maps ApiError).
    super(401, `This account was deleted (${sha256Hex(uid).slice(0, 12)}…): nothing more is stored for it.`);
    this.name = "AccountDeletedError";
  }
}

export async function markAccountDeleted(db: Firestore, uid: string, now: Date): Promise<void> {
  await tombstoneRef(db, uid).set({ deletionStartedAt: now }, { merge: true });
}

export async function isAccountDeleted(db: Firestore, uid: string): Promise<boolean> {
  return (await tombstoneRef(db, uid).get()).exists;
}

/**
 * Inside a transaction, before its writes: refuses them if the account's
 * erasure has begun. Firestore serialises this read with the tombstone's
 * creation, so a commit either lands before the erasure's sweep (and is swept)
 * or is refused.
 */
export async function assertAccountLive(tx: Transaction, db: Firestore, uid: string): Promise<void> {
  if ((await tx.get(tombstoneRef(db, uid))).exists) throw new AccountDeletedError(uid);
}

export interface AccountStores {
  db: Firestore;
  uploadsBucket: Bucket;
  instancesBucket: Bucket;
}

export interface SweepCounts {
  storageObjects: number;
  firestoreDocuments: number;
}

async function deletePrefix(bucket: Bucket, prefix: string): Promise<number> {
  const [files] = await bucket.getFiles({ prefix });
  return deleteObjects(files);
}

/** Deletes the account's personal access tokens (top-level `accessTokens`), so that no tool gets in any more; how many. */
export async function deleteAccessTokens(db: Firestore, uid: string): Promise<number> {
  const tokens = await accessTokensOf(db, uid).get();
  await Promise.all(tokens.docs.map((doc) => doc.ref.delete()));
  return tokens.size;
}

/**
 * Deletes every object and document of one account. Used by the erasure
 * itself and by a late writer that finds the tombstone after its own writes.
 */
export async function sweepAccount(stores: AccountStores, uid: string): Promise<SweepCounts> {
  let storageObjects = await deletePrefix(stores.uploadsBucket, `uploads/${uid}/`);
  for (const prefix of ["instances", "downloads", "exports"]) storageObjects += await deletePrefix(stores.instancesBucket, `${prefix}/${uid}/`);
  let firestoreDocuments = await deleteAccessTokens(stores.db, uid);
  const writer = stores.db.bulkWriter();
  writer.onWriteResult(() => {
    firestoreDocuments += 1;
  });
  await stores.db.recursiveDelete(userRefs(stores.db, uid).user, writer);
  await writer.close();
  return { storageObjects, firestoreDocuments };
}
