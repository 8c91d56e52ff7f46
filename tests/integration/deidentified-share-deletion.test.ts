/**
 * A de-identified link's copies die with it: at revoke, at expiry (retention,
 * with its clock moved forward), when its study is deleted, and when its
 * owner's account is erased. Each time the objects under
 * `deidentified/{uid}/{linkId}/` and the server-only documents go, and the
 * link says "deleted".
 */
import { getStorage } from "firebase-admin/storage";
import { getAuth } from "firebase-admin/auth";
import { getApps } from "firebase-admin/app";
import type { PrivacyRequest } from "@pacs/shared";
import { prepareDeidentifiedCopies } from "../../functions/src/deidentified-shares";
import { runDeletion } from "../../functions/src/privacy/delete-account";
import { purgeExpiredData } from "../../functions/src/retention/purge";
import { webUrl } from "../support/emulators";
import { createUploader, db, instancesBucket, storageClient, type Uploader } from "../support/ingest-client";
import { openShare, revokeShare, shareLinkDoc } from "../support/share-client";
import { listCopies, readCopiesState, readyDeidentifiedLink, serverShareDoc, uploadIdentifiedStudy } from "../support/deidentified-share-client";

const HOUR = 3_600_000;
const stores = { db, uploadsBucket: () => storageClient.bucket(getStorage().bucket().name), instancesBucket: () => instancesBucket };

let owner: Uploader;
let studyUID: string;
beforeAll(async () => {
  owner = await createUploader("deid-deletion");
  studyUID = (await uploadIdentifiedStudy(owner, [{ instances: 2 }])).studyInstanceUID;
});

async function deletedAudits(uid: string, linkId: string) {
  return (await db.collection(`users/${uid}/auditLog`).where("action", "==", "deidentified-copies-deleted").where("linkId", "==", linkId).get()).size;
}

/** The link's copies are there: objects, and the server-only record with its chunks. */
async function expectCopies(uid: string, linkId: string) {
  expect((await listCopies(uid, linkId)).length).toBeGreaterThan(0);
  expect((await serverShareDoc(linkId).get()).exists).toBe(true);
  expect((await serverShareDoc(linkId).collection("instanceChunks").get()).size).toBeGreaterThan(0);
}

async function expectNoCopies(uid: string, linkId: string) {
  expect(await listCopies(uid, linkId)).toEqual([]);
  expect((await serverShareDoc(linkId).get()).exists).toBe(false);
  expect((await serverShareDoc(linkId).collection("instanceChunks").get()).size).toBe(0);
}

it("deletes the copies at revoke, says so once, and a preparation delivered afterwards writes nothing", async () => {
  const { linkId, token } = await readyDeidentifiedLink(owner, studyUID);
  await expectCopies(owner.uid, linkId);
  // As if the task were still running when the owner revoked.
  await shareLinkDoc(owner.uid, linkId).update({ "deidentification.status": "preparing" });
  expect((await revokeShare(owner, linkId)).status).toBe(200);
  await expectNoCopies(owner.uid, linkId);
  expect(await readCopiesState(owner.uid, linkId)).toMatchObject({ status: "deleted", bytes: 0 });
  expect(await deletedAudits(owner.uid, linkId)).toBe(1);
  expect((await openShare(token)).status).toBe(410);

  expect(await prepareDeidentifiedCopies({ db, instancesBucket: () => instancesBucket }, owner.uid, linkId)).toBe("skipped");
  await expectNoCopies(owner.uid, linkId);
  expect((await revokeShare(owner, linkId)).status).toBe(200);
  expect(await deletedAudits(owner.uid, linkId)).toBe(1);
});

it("deletes the copies once the link has expired (retention), and not before", async () => {
  const { linkId } = await readyDeidentifiedLink(owner, studyUID, {}, { expiry: { preset: "1h" } });
  await purgeExpiredData({ ...stores, now: () => new Date(Date.now() + HOUR / 2) });
  await expectCopies(owner.uid, linkId);
  expect(await readCopiesState(owner.uid, linkId)).toMatchObject({ status: "ready" });

  const counts = await purgeExpiredData({ ...stores, now: () => new Date(Date.now() + 2 * HOUR) });
  expect(counts.deidentifiedCopies).toBeGreaterThanOrEqual(1);
  await expectNoCopies(owner.uid, linkId);
  expect(await readCopiesState(owner.uid, linkId)).toMatchObject({ status: "deleted" });
  expect(await deletedAudits(owner.uid, linkId)).toBe(1);
});

it("deletes the copies of every link to a study when the study is deleted", async () => {
  const doomed = (await uploadIdentifiedStudy(owner, [{ instances: 1 }])).studyInstanceUID;
  const live = await readyDeidentifiedLink(owner, doomed);
  const revoked = await readyDeidentifiedLink(owner, doomed);
  // A revoke that died before deleting its copies leaves them to the study's deletion.
  await shareLinkDoc(owner.uid, revoked.linkId).update({ revokedAt: new Date() });
  const response = await fetch(webUrl(`/api/studies/${doomed}`), { method: "DELETE", headers: { Authorization: `Bearer ${owner.idToken}` } });
  expect(response.status).toBe(200);
  for (const { linkId } of [live, revoked]) {
    await expectNoCopies(owner.uid, linkId);
    expect(await readCopiesState(owner.uid, linkId)).toMatchObject({ status: "deleted" });
  }
});

it("deletes every copy of an account at its erasure", async () => {
  const leaving = await createUploader("deid-leaving");
  const theirStudy = (await uploadIdentifiedStudy(leaving, [{ instances: 1 }])).studyInstanceUID;
  const { linkId } = await readyDeidentifiedLink(leaving, theirStudy);
  await expectCopies(leaving.uid, linkId);
  // What runDeletion reads of a confirmed request.
  const request = { requestId: `deletion-${leaving.uid}`, uid: leaving.uid, email: leaving.email, source: "app", createdAt: new Date() } as PrivacyRequest;
  const proof = await runDeletion(
    {
      db,
      auth: getAuth(getApps()[0]),
      verifyIdToken: () => Promise.reject(new Error("not used")),
      sendEmail: async () => undefined,
      appOrigin: () => webUrl("/"),
      instancesBucket: stores.instancesBucket,
      uploadsBucket: stores.uploadsBucket,
      downloadSigner: () => {
        throw new Error("not used");
      },
    },
    request,
  );
  expect(await listCopies(leaving.uid)).toEqual([]);
  expect((await db.collection("deidentifiedShares").where("ownerUid", "==", leaving.uid).get()).size).toBe(0);
  await expectNoCopies(leaving.uid, linkId);
  expect(proof.deleted.storageObjects).toBeGreaterThan(0);
});
