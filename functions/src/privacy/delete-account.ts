import type { DeletionProof, PrivacyRequest } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import { deleteObjects } from "../delete-objects";
import { userRefs } from "../ingest/refs";
import { sha256Hex } from "../sha256";
import { renderDeletionDoneEmail } from "./privacy-emails";
import { privacyClock, privacyRequestsRef, type PrivacyDeps } from "./privacy-deps";

async function deletePrefix(bucket: Bucket, prefix: string): Promise<number> {
  const [files] = await bucket.getFiles({ prefix });
  return deleteObjects(files);
}

/**
 * Erasure of one account, after its owner confirmed (or an administrator
 * verified) the request: share links first, so that they stop opening at
 * once; then every object and document of theirs; then the Auth user. What
 * remains is `deletionProofs/{requestId}`: a hash of the uid, the times and
 * the counts. Safe to run again after a crash: each step deletes what is left.
 */
export async function runDeletion(deps: PrivacyDeps, record: PrivacyRequest): Promise<DeletionProof> {
  const { db } = deps;
  const { uid } = record;
  const tokens = await db.collection("shareTokens").where("ownerUid", "==", uid).get();
  await Promise.all(tokens.docs.map((doc) => doc.ref.delete()));
  const attempts = await db.collection("shareAttempts").where("ownerUid", "==", uid).get();
  await Promise.all(attempts.docs.map((doc) => doc.ref.delete()));

  let storageObjects = await deletePrefix(deps.uploadsBucket(), `uploads/${uid}/`);
  for (const prefix of ["instances", "downloads", "exports"]) storageObjects += await deletePrefix(deps.instancesBucket(), `${prefix}/${uid}/`);

  let firestoreDocuments = 0;
  const writer = db.bulkWriter();
  writer.onWriteResult(() => {
    firestoreDocuments += 1;
  });
  await db.recursiveDelete(userRefs(db, uid).user, writer);
  await writer.close();

  try {
    await deps.auth.deleteUser(uid);
  } catch (error) {
    // Already gone in an earlier, interrupted run.
    if ((error as { code?: string }).code !== "auth/user-not-found") throw error;
  }

  const proof: DeletionProof = {
    uidHash: sha256Hex(uid),
    requestedAt: record.createdAt,
    completedAt: privacyClock(deps),
    source: record.source,
    deleted: { storageObjects, firestoreDocuments, shareLinks: tokens.size },
  };
  await db.collection("deletionProofs").doc(record.requestId).set(proof);
  try {
    await deps.sendEmail({ to: record.email, ...renderDeletionDoneEmail() });
  } catch (error) {
    // The deletion stands; the address goes with the request below, so only the log can say the email failed.
    console.error("account deleted, but the final email was not sent", error);
  }
  // Last: the requests hold the uid and address, the final traces of the account.
  const requests = await privacyRequestsRef(db).where("uid", "==", uid).get();
  await Promise.all(requests.docs.map((doc) => doc.ref.delete()));
  return proof;
}
