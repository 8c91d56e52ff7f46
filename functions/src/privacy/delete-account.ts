import type { DeletionProof, PrivacyRequest } from "@pacs/shared";
import { deleteAccountCopies } from "../deidentified-shares";
import { sha256Hex } from "../sha256";
import { deleteAccessTokens, markAccountDeleted, sweepAccount } from "./account-tombstone";
import { renderDeletionDoneEmail } from "./privacy-emails";
import { privacyClock, privacyRequestsRef, type PrivacyDeps } from "./privacy-deps";

function ignoreMissingUser(error: unknown): void {
  // Already gone in an earlier, interrupted run.
  if ((error as { code?: string }).code !== "auth/user-not-found") throw error;
}

/**
 * Erasure of one account, after its owner confirmed (or an administrator
 * verified) the request. First the account is closed: disabled and its
 * refresh tokens revoked (the API verifies every ID token with the
 * revocation check, so every open session, in any tab, is refused from here
 * on), and the tombstone written that in-flight ingests check. Then share
 * links and personal access tokens, so that they stop working at once; then every object and document
 * of theirs; then the Auth user. What remains is `deletionProofs/{requestId}`
 * (a hash of the uid, the times and the counts) and the tombstone (the same
 * hash). Safe to run again after a crash: each step deletes what is left.
 */
export async function runDeletion(deps: PrivacyDeps, record: PrivacyRequest): Promise<DeletionProof> {
  const { db } = deps;
  const { uid } = record;
  await deps.auth.updateUser(uid, { disabled: true }).catch(ignoreMissingUser);
  await deps.auth.revokeRefreshTokens(uid).catch(ignoreMissingUser);
  await markAccountDeleted(db, uid, privacyClock(deps));

  const tokens = await db.collection("shareTokens").where("ownerUid", "==", uid).get();
  await Promise.all(tokens.docs.map((doc) => doc.ref.delete()));
  const attempts = await db.collection("shareAttempts").where("ownerUid", "==", uid).get();
  await Promise.all(attempts.docs.map((doc) => doc.ref.delete()));
  // Tools and gateways stop at once too; the sweep below deletes any created meanwhile.
  const accessTokens = await deleteAccessTokens(db, uid);

  // De-identified copies and their server-only keys (deidentified-shares/): outside `users/{uid}`, so swept here.
  const copies = await deleteAccountCopies(deps, uid);
  const stores = { db, uploadsBucket: deps.uploadsBucket(), instancesBucket: deps.instancesBucket() };
  const swept = await sweepAccount(stores, uid);
  await deps.auth.deleteUser(uid).catch(ignoreMissingUser);
  // A request verified just before the account was disabled may have written
  // while the first sweep ran: sweep once more now that no token passes.
  const late = await sweepAccount(stores, uid);
  // A preparation checks the tombstone before its last write; copies it wrote meanwhile go here.
  const lateCopies = await deleteAccountCopies(deps, uid);

  const proof: DeletionProof = {
    uidHash: sha256Hex(uid),
    requestedAt: record.createdAt,
    completedAt: privacyClock(deps),
    source: record.source,
    deleted: {
      storageObjects: swept.storageObjects + late.storageObjects + copies.storageObjects + lateCopies.storageObjects,
      firestoreDocuments: accessTokens + swept.firestoreDocuments + late.firestoreDocuments + copies.firestoreDocuments + lateCopies.firestoreDocuments,
      shareLinks: tokens.size,
    },
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
