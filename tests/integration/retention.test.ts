/**
 * Retention on the emulators, through the scheduled function's handler with
 * its clock moved forward: share links go 30 days after they expired, with
 * their token and access log; failed uploads go after 30 quiet days, while
 * finished ones stay; audit entries go when their retention ends.
 */
import { getStorage } from "firebase-admin/storage";
import { purgeExpiredData } from "../../functions/src/retention/purge";
import { callApi, createUploader, db, instancesBucket, storageClient, type Uploader } from "../support/ingest-client";
import { accessTokenId, createAccessToken } from "../support/access-tokens";
import { createShareLink, openShare, shareLinkDoc, tokenOf, uploadSmallStudy } from "../support/share-client";

const DAY = 86_400_000;
const purgeAt = (offsetDays: number) =>
  purgeExpiredData({
    db,
    uploadsBucket: () => storageClient.bucket(getStorage().bucket().name),
    instancesBucket: () => instancesBucket,
    now: () => new Date(Date.now() + offsetDays * DAY),
  });

let owner: Uploader;
let studyUID: string;
beforeAll(async () => {
  owner = await createUploader("retention");
  studyUID = (await uploadSmallStudy(owner, 1)).studyInstanceUID;
});

it("purges a share link, its token and its access log 30 days after it expired, and no sooner", async () => {
  const day = await createShareLink(owner, { StudyInstanceUID: studyUID, expiry: { preset: "24h" } });
  const week = await createShareLink(owner, { StudyInstanceUID: studyUID, expiry: { preset: "7d" } });
  expect((await openShare(tokenOf(day.body.path))).status).toBe(200);
  const dayLink = shareLinkDoc(owner.uid, day.body.linkId);
  const tokens = async (linkId: string) => (await db.collection("shareTokens").where("linkId", "==", linkId).get()).size;

  await purgeAt(30);
  expect((await dayLink.get()).exists).toBe(true);

  const counts = await purgeAt(32);
  expect(counts.shareLinks).toBeGreaterThanOrEqual(1);
  expect((await dayLink.get()).exists).toBe(false);
  expect((await dayLink.collection("accessLog").get()).size).toBe(0);
  expect(await tokens(day.body.linkId)).toBe(0);
  // The 7-day link is 5 days short of its purge.
  expect((await shareLinkDoc(owner.uid, week.body.linkId).get()).exists).toBe(true);
  expect(await tokens(week.body.linkId)).toBe(1);
});

it("purges uploads that were abandoned after 30 quiet days, and keeps finished ones", async () => {
  const abandoned = await callApi(owner, "/api/uploads", { files: [{ relativePath: "a.dcm", size: 10 }] });
  expect(abandoned.status).toBe(201);
  const abandonedId: string = abandoned.body.batchId;
  const finished = (await db.collection("users").doc(owner.uid).collection("uploads").where("status", "==", "done").get()).docs[0]!;
  // A record that does not fit the schema is left alone, and does not stop the rest.
  const malformed = db.doc(`users/${owner.uid}/uploads/malformed-batch`);
  await malformed.set({ status: "uploading", updatedAt: new Date() });

  await purgeAt(29);
  expect((await db.doc(`users/${owner.uid}/uploads/${abandonedId}`).get()).exists).toBe(true);

  await purgeAt(31);
  expect((await db.doc(`users/${owner.uid}/uploads/${abandonedId}`).get()).exists).toBe(false);
  expect((await db.collection(`users/${owner.uid}/uploads/${abandonedId}/files`).get()).size).toBe(0);
  expect((await finished.ref.get()).exists).toBe(true);
  expect((await malformed.get()).exists).toBe(true);
});

it("purges audit entries whose retention has ended and keeps the rest", async () => {
  const log = db.collection("users").doc(owner.uid).collection("auditLog");
  const old = await log.add({ at: new Date(Date.now() - 400 * DAY), action: "sign-in", actor: "owner", expireAt: new Date(Date.now() - 35 * DAY) });
  const recent = await log.add({ at: new Date(), action: "sign-in", actor: "owner", expireAt: new Date(Date.now() + 365 * DAY) });
  await purgeAt(0);
  expect((await old.get()).exists).toBe(false);
  expect((await recent.get()).exists).toBe(true);
});

it("deletes a data export once its 7-day link has ended, and a study ZIP a day after its link", async () => {
  const exported = instancesBucket.file(`exports/${owner.uid}/req-1/radiology-pacs-export.zip`);
  const zipped = instancesBucket.file(`downloads/${owner.uid}/${studyUID}/1/study.zip`);
  await Promise.all([exported.save(Buffer.from("zip")), zipped.save(Buffer.from("zip"))]);

  await purgeAt(0.5);
  expect([(await exported.exists())[0], (await zipped.exists())[0]]).toEqual([true, true]);
  await purgeAt(2);
  expect([(await exported.exists())[0], (await zipped.exists())[0]]).toEqual([true, false]);
  await purgeAt(8);
  expect((await exported.exists())[0]).toBe(false);
});

it("deletes a personal access token 30 days after it was revoked or expired, and no sooner", async () => {
  const listIds = async () => ((await db.collection("accessTokens").where("uid", "==", owner.uid).get()).docs.map((doc) => doc.id)).sort();
  const kept = accessTokenId(await createAccessToken(owner, { name: "kept", scope: "read", expiresInDays: 365 }));
  const revoked = accessTokenId(await createAccessToken(owner, { name: "revoked", scope: "read", expiresInDays: 365 }));
  expect((await callApi(owner, `/api/access-tokens/${revoked}/revoke`, {})).status).toBe(200);

  await purgeAt(29);
  expect(await listIds()).toEqual([kept, revoked].sort());
  await purgeAt(31);
  expect(await listIds()).toEqual([kept]);
  await purgeAt(366 + 31);
  expect(await listIds()).toEqual([]);
});
