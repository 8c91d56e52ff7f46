/**
 * The activity log on the emulators: each access to a user's patient data
 * appends an entry in their log, written by the server (the owner's viewer
 * manifest, a download, a share link opened and its manifest, a data
 * export request), and a sign-in is recorded once, from the token's own
 * `auth_time`, however often the app reports it.
 */
import { webUrl } from "../support/emulators";
import { callApi, createUploader, db, type Uploader } from "../support/ingest-client";
import { createShareLink, getPath, openShare, tokenOf, uploadSmallStudy } from "../support/share-client";

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
