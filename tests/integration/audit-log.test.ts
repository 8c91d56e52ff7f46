/**
 * The activity log on the emulators: each access to a user's patient data
 * appends an entry in their log, written by the server (the owner's viewer
 * manifest, a download, a share link opened and its manifest, a data
 * export request), and a sign-in is recorded once, from the token's own
 * `auth_time`, however often the app reports it, and also when the app
 * never reports it (a sign-in through the REST API) at its first API use.
 * Deleting a study, share links created, emailed and revoked, uploads and
 * administrators' actions are recorded too.
 */
import { webUrl } from "../support/emulators";
import { grantAdmin } from "../support/auth-emulator";
import { callApi, createUploader, db, signInThroughAuthEmulator, type Uploader } from "../support/ingest-client";
import { createShareLink, getPath, openShare, revokeShare, tokenOf, uploadSmallStudy } from "../support/share-client";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.54 Safari/537.36";
let owner: Uploader;
let studyUID: string;

beforeAll(async () => {
  owner = await createUploader("audit");
  studyUID = (await uploadSmallStudy(owner, 1)).studyInstanceUID;
});

async function entries(action: string) {
  const snapshot = await db.collection("users").doc(owner.uid).collection("auditLog").where("action", "==", action).get();
  return snapshot.docs.map((doc) => doc.data());
}

it("records the owner's viewer manifest and download", async () => {
  const manifest = await fetch(webUrl(`/api/studies/${studyUID}/manifest`), { headers: { Authorization: `Bearer ${owner.idToken}` } });
  expect(manifest.status).toBe(200);
  expect(await entries("manifest-issued")).toEqual([expect.objectContaining({ actor: "owner", StudyInstanceUID: studyUID })]);
  expect((await callApi(owner, `/api/studies/${studyUID}/download`, {})).status).toBe(201);
  expect(await entries("study-downloaded")).toEqual([expect.objectContaining({ actor: "owner", StudyInstanceUID: studyUID })]);
});

it("records a share link's open and its manifest, with who opened it", async () => {
  const created = await createShareLink(owner, { StudyInstanceUID: studyUID });
  const opened = await openShare(tokenOf(created.body.path), { address: "81.2.69.142", userAgent: CHROME });
  expect((await getPath(opened.body.manifestPath)).status).toBe(200);
  const expected = { actor: "share-recipient", StudyInstanceUID: studyUID, linkId: created.body.linkId };
  expect(await entries("share-link-opened")).toEqual([expect.objectContaining({ ...expected, client: "United Kingdom · Chrome 141 on Linux" })]);
  expect(await entries("shared-manifest-issued")).toEqual([expect.objectContaining(expected)]);
});

it("records a sign-in once, at the time the token says, however often it is reported", async () => {
  const report = () => fetch(webUrl("/api/sessions"), { method: "POST", headers: { Authorization: `Bearer ${owner.idToken}` } });
  expect((await report()).status).toBe(201);
  expect((await report()).status).toBe(201);
  const authTime = JSON.parse(Buffer.from(owner.idToken.split(".")[1]!, "base64url").toString()).auth_time as number;
  const signIns = await entries("sign-in");
  expect(signIns).toHaveLength(1);
  expect(signIns[0]!.at.toMillis()).toBe(authTime * 1000);
  expect((await fetch(webUrl("/api/sessions"), { method: "POST" })).status).toBe(401);
});

it("records a data export request, and gives every entry an expiry a year out", async () => {
  expect((await callApi(owner, "/api/privacy-requests", { kind: "export" })).status).toBe(201);
  expect(await entries("data-export-requested")).toHaveLength(1);
  const all = await db.collection("users").doc(owner.uid).collection("auditLog").get();
  for (const doc of all.docs) {
    const { at, expireAt } = doc.data();
    expect(Math.round((expireAt.toMillis() - at.toMillis()) / 86_400_000)).toBe(365);
  }
});

describe("actions that used to leave no trace", () => {
  it("deleting a study leaves an entry, so a deletion by a borrowed session is visible", async () => {
    const doomed = (await uploadSmallStudy(owner, 1)).studyInstanceUID;
    const response = await fetch(webUrl(`/api/studies/${doomed}`), { method: "DELETE", headers: { Authorization: `Bearer ${owner.idToken}` } });
    expect(response.status).toBe(200);
    expect(await entries("study-deleted")).toEqual([expect.objectContaining({ actor: "owner", StudyInstanceUID: doomed })]);
  });

  it("creating, emailing and revoking a share link each leave an entry naming the link", async () => {
    const created = await createShareLink(owner, { StudyInstanceUID: studyUID });
    const linkId = created.body.linkId as string;
    const to = `audit-recipient-${Date.now()}@example.test`;
    expect((await callApi(owner, `/api/share-links/${linkId}/email`, { to })).status).toBe(202);
    expect((await revokeShare(owner, linkId)).status).toBe(200);
    const about = { actor: "owner", StudyInstanceUID: studyUID, linkId };
    expect((await entries("share-link-created")).filter((e) => e.linkId === linkId)).toEqual([expect.objectContaining(about)]);
    expect(await entries("share-link-emailed")).toEqual([expect.objectContaining({ ...about, recipient: to })]);
    expect(await entries("share-link-revoked")).toEqual([expect.objectContaining(about)]);
  });

  it("an upload leaves an entry, so files put in by someone else are visible", async () => {
    const batches = await db.collection("users").doc(owner.uid).collection("uploads").get();
    const started = await entries("upload-started");
    expect(started.length).toBeGreaterThanOrEqual(1);
    expect(batches.docs.map((doc) => doc.id)).toEqual(expect.arrayContaining(started.map((e) => e.batchId)));
  });

  it("an administrator's actions on a user's behalf leave entries in that user's log, naming the administrator", async () => {
    const plain = await createUploader("audit-admin");
    await grantAdmin(plain.uid);
    const admin = await signInThroughAuthEmulator(plain.uid, plain.email);
    const recorded = await callApi(admin, "/api/admin/privacy-requests", { email: owner.email, kind: "export", note: "by phone" });
    expect(recorded.status).toBe(201);
    expect((await callApi(admin, `/api/admin/privacy-requests/${recorded.body.requestId}/run`, {})).status).toBe(200);
    expect(await entries("admin-recorded-request")).toEqual([expect.objectContaining({ actor: "admin", adminUid: admin.uid })]);
    expect(await entries("admin-ran-request")).toEqual([expect.objectContaining({ actor: "admin", adminUid: admin.uid })]);
  });

  it("a sign-in through the REST API alone, never reported by the app, is recorded at its first API use", async () => {
    const user = await createUploader("rest-sign-in");
    const rest = await signInThroughAuthEmulator(user.uid, user.email);
    const authTimeOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).auth_time as number;
    // Any authenticated call will do; this one finds nothing.
    expect((await getPath(`/api/studies/1.2.3/manifest`, rest)).status).toBe(404);
    expect((await getPath(`/api/studies/1.2.3/manifest`, rest)).status).toBe(404);
    const signIns = (await db.collection("users").doc(user.uid).collection("auditLog").where("action", "==", "sign-in").get()).docs.map((d) => d.data());
    expect(signIns.map((e) => e.at.toMillis())).toContain(authTimeOf(rest.idToken) * 1000);
    expect(new Set(signIns.map((e) => e.at.toMillis())).size).toBe(signIns.length);
  });
});
