/**
 * Share links on the emulators, through the `/api` rewrite: a link opens
 * without an account, counts its views, logs each open, honours its PIN,
 * lockout, view limit, expiry and revoke, hands out a manifest whose image
 * URLs die with the link, and leaves no token in clear in Firestore.
 */
import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { verifyV4SignedUrl } from "../../functions/src/viewer/testing/verify-v4-url";
import { webUrl } from "../support/emulators";
import { everyDocument } from "../support/firestore-walk";
import { createUploader, type Uploader } from "../support/ingest-client";
import {
  copyShare,
  createShareLink,
  expireShareLink,
  getPath,
  openShare,
  postPath,
  revokeShare,
  shareLinkDoc,
  tokenOf,
  uploadSmallStudy,
} from "../support/share-client";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.54 Safari/537.36";
const publicKey = () => createPublicKey(JSON.parse(readFileSync(process.env.PACS_SIGNING_KEY_FILE!, "utf8")).private_key);

let owner: Uploader;
let other: Uploader;
let studyUID: string;

beforeAll(async () => {
  [owner, other] = await Promise.all([createUploader("share-owner"), createUploader("share-other")]);
  studyUID = (await uploadSmallStudy(owner, 3)).studyInstanceUID;
});

async function newLink(body: Record<string, unknown> = {}) {
  const created = await createShareLink(owner, { StudyInstanceUID: studyUID, ...body });
  expect(created.status).toBe(201);
  return { linkId: created.body.linkId as string, token: tokenOf(created.body.path), expiresAt: new Date(created.body.expiresAt) };
}

async function accessLog(linkId: string) {
  const entries = await shareLinkDoc(owner.uid, linkId).collection("accessLog").orderBy("at").get();
  return entries.docs.map((doc) => doc.data());
}

describe("a link without a PIN", () => {
  it("opens without an account, counts the view, logs it, and serves a manifest whose URLs end with the link", async () => {
    const { linkId, token, expiresAt } = await newLink({ expiry: { preset: "1h" } });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(3_500_000);

    const opened = await openShare(token, { userAgent: CHROME });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ state: "open", downloadPath: null });
    expect(JSON.stringify(opened.body)).not.toContain(studyUID);

    const manifest = await getPath(opened.body.manifestPath);
    expect(manifest.status).toBe(200);
    const urls: string[] = manifest.body.studies[0].series.flatMap((s: any) => s.instances.map((i: any) => i.url.slice("dicomweb:".length)));
    expect(urls).toHaveLength(3);
    for (const url of urls) {
      const check = verifyV4SignedUrl(url, publicKey());
      expect(check.valid).toBe(true);
      // A 1-hour link created a moment ago: the signer's own hour would outlive it by that moment.
      expect(check.signedAt.getTime() + check.expiresSeconds * 1000).toBeLessThanOrEqual(expiresAt.getTime());
    }

    const link = (await shareLinkDoc(owner.uid, linkId).get()).data()!;
    expect(link.views).toBe(1);
    expect(link.lastAccessAt).toBeTruthy();
    // The Functions emulator hands requests over without the caller's address, so the location is unknown here.
    expect(await accessLog(linkId)).toEqual([expect.objectContaining({ outcome: "opened", location: "Unknown", browser: "Chrome 141 on Linux" })]);
  });

  it("logs the country of a public address, never the address itself", async () => {
    const { linkId, token } = await newLink();
    expect((await openShare(token, { address: "81.2.69.142" })).status).toBe(200);
    const [entry] = await accessLog(linkId);
    expect(entry).toMatchObject({ outcome: "opened", location: "United Kingdom" });
    expect(JSON.stringify(entry)).not.toContain("81.2.69");
  });

  it("stops after its view limit, also when recipients open it at the same moment", async () => {
    const { linkId, token } = await newLink({ maxViews: 2 });
    const answers = await Promise.all([openShare(token), openShare(token), openShare(token)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 410]);
    const refused = answers.find((a) => a.status === 410)!;
    expect(refused.body).toMatchObject({ state: "view-limit-reached", error: expect.stringContaining("Ask them for a new one") });
    expect((await shareLinkDoc(owner.uid, linkId).get()).data()!.views).toBe(2);
    expect((await openShare(token)).body.state).toBe("view-limit-reached");
  });
});

describe("many recipients at once", () => {
  it("counts every one of 30 simultaneous opens of a link without a limit, and refuses none", async () => {
    const { linkId, token } = await newLink();
    const answers = await Promise.all(Array.from({ length: 30 }, () => openShare(token)));
    expect(answers.filter((a) => a.status !== 200).map((a) => a.body)).toEqual([]);
    expect((await shareLinkDoc(owner.uid, linkId).get()).data()!.views).toBe(30);
    expect(await accessLog(linkId)).toHaveLength(30);
  });

  it("gives out exactly the allowed views when 20 open a 5-view link at once", async () => {
    const { linkId, token } = await newLink({ maxViews: 5 });
    const answers = await Promise.all(Array.from({ length: 20 }, () => openShare(token)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 410)).toHaveLength(15);
    expect((await shareLinkDoc(owner.uid, linkId).get()).data()!.views).toBe(5);
  });
});

describe("dead links", () => {
  it("after revoke, the link says so and the manifest it handed out is refused", async () => {
    const { linkId, token } = await newLink();
    const opened = await openShare(token);
    expect((await getPath(opened.body.manifestPath)).status).toBe(200);

    expect((await revokeShare(other, linkId)).status).toBe(404);
    expect((await revokeShare(owner, linkId)).status).toBe(200);
    const again = await openShare(token);
    expect(again.status).toBe(410);
    expect(again.body).toEqual({ state: "revoked", error: expect.stringContaining("turned off") });
    const manifest = await getPath(opened.body.manifestPath);
    expect(manifest.status).toBe(410);
    expect(manifest.body.studies).toBeUndefined();
  });

  it("an expired link says so, and its manifest is refused", async () => {
    const { linkId, token } = await newLink();
    const opened = await openShare(token);
    await expireShareLink(owner.uid, linkId);
    expect(await openShare(token)).toEqual({ status: 410, body: { state: "expired", error: expect.stringContaining("expired") } });
    expect((await getPath(opened.body.manifestPath)).status).toBe(410);
  });

  it("deleting the study revokes its links", async () => {
    const doomed = (await uploadSmallStudy(owner, 1)).studyInstanceUID;
    const created = await createShareLink(owner, { StudyInstanceUID: doomed });
    const deleted = await fetch(webUrl(`/api/studies/${doomed}`), { method: "DELETE", headers: { Authorization: `Bearer ${owner.idToken}` } });
    expect(deleted.status).toBe(200);
    expect((await openShare(tokenOf(created.body.path))).body.state).toBe("revoked");
  });

  it("an unknown or malformed token says only that the link does not exist", async () => {
    const unknown = await openShare("A".repeat(43));
    expect(unknown).toEqual({ status: 404, body: { state: "unknown", error: expect.stringContaining("does not exist") } });
    expect((await openShare("short")).body.state).toBe("unknown");
  });
});

describe("a link with a PIN", () => {
  it("asks for it, refuses a wrong one with the tries left, and opens with the right one", async () => {
    const { linkId, token } = await newLink({ pin: "482913" });
    expect(await openShare(token)).toMatchObject({ status: 401, body: { state: "pin-required" } });
    const wrong = await openShare(token, { pin: "000000", address: "203.0.113.10" });
    expect(wrong).toMatchObject({ status: 403, body: { state: "pin-refused", attemptsLeft: 4 } });
    expect((await openShare(token, { pin: "482913", address: "203.0.113.10" })).body.state).toBe("open");
    expect((await accessLog(linkId)).map((e) => e.outcome)).toEqual(["pin-refused", "opened"]);
  });

  it("locks the link for an address after too many wrong PINs, even for the right one, but not for other addresses", async () => {
    const { linkId, token } = await newLink({ expiry: { preset: "1h" }, pin: "4829" });
    const address = "198.51.100.7";
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await openShare(token, { pin: `111${i}`, address }));
    expect(answers.slice(0, 4).map((a) => a.body.attemptsLeft)).toEqual([4, 3, 2, 1]);
    expect(answers[4]).toMatchObject({ status: 429, body: { state: "locked", retryAfter: expect.any(String) } });

    const rightButLocked = await openShare(token, { pin: "4829", address });
    expect(rightButLocked).toMatchObject({ status: 429, body: { state: "locked" } });
    expect(new Date(rightButLocked.body.retryAfter).getTime()).toBeGreaterThan(Date.now() + 10 * 60 * 1000);
    expect((await openShare(token, { pin: "4829", address: "198.51.100.8" })).body.state).toBe("open");
    expect((await accessLog(linkId)).map((e) => e.outcome)).toEqual(["pin-refused", "pin-refused", "pin-refused", "pin-refused", "locked-out", "opened"]);
  });
});

describe("attacks on the PIN", () => {
  const evaluated = async (linkId: string) => (await accessLog(linkId)).filter((e) => e.outcome === "pin-refused" || e.outcome === "locked-out").length;

  it("parallel wrong PINs are not all evaluated: 50 at once plus the right one get no more guesses than the lockout allows", async () => {
    const pin = "58213";
    const { linkId, token } = await newLink({ expiry: { preset: "1h" }, pin });
    const wrong = Array.from({ length: 50 }, (_, i) => String(10_000 + i));
    const answers = await Promise.all([...wrong.map((guess) => openShare(token, { pin: guess })), openShare(token, { pin })]);
    // Every guess gets a readable answer, never a crash.
    for (const answer of answers) expect([200, 403, 429, 503]).toContain(answer.status);
    // Each evaluated wrong PIN leaves one access-log entry: no more than one address's allowance (5).
    expect(await evaluated(linkId)).toBeLessThanOrEqual(5);
    expect(answers.filter((a) => a.body?.state === "pin-refused").length).toBeLessThanOrEqual(4);
    const afterBurst = await openShare(token, { pin });
    expect(afterBurst).toMatchObject({ status: 429, body: { state: "locked" } });
  });

  it("forged forwarding headers do not buy more guesses: a new fastly-client-ip or X-Forwarded-For per guess still locks after 5", async () => {
    const { linkId, token } = await newLink({ expiry: { preset: "1h" }, pin: "7391" });
    const answers = [];
    for (let i = 0; i < 7; i += 1) {
      // Forged: a US address in each header; appended by the platform: the UK one at the right.
      answers.push(await openShare(token, { pin: `100${i}`, headers: { "fastly-client-ip": `8.8.8.${i + 1}`, "x-forwarded-for": `8.8.4.${i + 1}, 81.2.69.142` } }));
    }
    expect(answers.slice(0, 4).map((a) => a.body.attemptsLeft)).toEqual([4, 3, 2, 1]);
    expect(answers.slice(4).map((a) => a.body.state)).toEqual(["locked", "locked", "locked"]);
    expect(await evaluated(linkId)).toBe(5);
    // The location comes from the address the platform appended, never from the forged values.
    expect(new Set((await accessLog(linkId)).map((e) => e.location))).toEqual(new Set(["United Kingdom"]));
  });

  it("a caller with no trustworthy address shares one lockout with every other such caller (fails closed)", async () => {
    const { token } = await newLink({ expiry: { preset: "1h" }, pin: "7391" });
    for (let i = 0; i < 5; i += 1) await openShare(token, { pin: `200${i}`, headers: { "fastly-client-ip": `192.0.2.${i + 1}` } });
    const stranger = await openShare(token, { pin: "7391", headers: { "fastly-client-ip": "81.2.69.142" } });
    expect(stranger).toMatchObject({ status: 429, body: { state: "locked" } });
  });

  it("a 4-digit PIN on a 30-day link is refused with a 400 that says how many digits it needs and why", async () => {
    const until = new Date(Date.now() + 30 * 86_400_000 - 60_000).toISOString();
    const refused = await createShareLink(owner, { StudyInstanceUID: studyUID, expiry: { until }, pin: "4821" });
    expect(refused).toMatchObject({ status: 400, body: { error: expect.stringMatching(/at least 7 digits.*20 wrong PINs an hour/) } });
    expect((await createShareLink(owner, { StudyInstanceUID: studyUID, expiry: { until }, pin: "4821937" })).status).toBe(201);
    expect((await createShareLink(owner, { StudyInstanceUID: studyUID, expiry: { preset: "1h" }, pin: "4821" })).status).toBe(201);
  });
});

describe("the owner's controls", () => {
  it("copies the same link again, and only for its owner", async () => {
    const created = await createShareLink(owner, { StudyInstanceUID: studyUID });
    const copied = await copyShare(owner, created.body.linkId);
    expect(copied).toMatchObject({ status: 200, body: { path: created.body.path } });
    expect((await copyShare(other, created.body.linkId)).status).toBe(404);
  });

  it("refuses links to someone else's study, and expiries beyond 30 days", async () => {
    expect((await createShareLink(other, { StudyInstanceUID: studyUID })).status).toBe(404);
    const tooLong = await createShareLink(owner, { StudyInstanceUID: studyUID, expiry: { until: new Date(Date.now() + 31 * 86_400_000).toISOString() } });
    expect(tooLong).toMatchObject({ status: 400, body: { error: expect.stringContaining("30 days") } });
    const custom = await createShareLink(owner, { StudyInstanceUID: studyUID, expiry: { until: new Date(Date.now() + 2 * 86_400_000).toISOString() } });
    expect(custom.status).toBe(201);
  });

  it("lets a recipient download only when the owner allowed it, and logs the download", async () => {
    const viewOnly = await newLink();
    const grant = (await openShare(viewOnly.token)).body;
    expect(grant.downloadPath).toBeNull();
    expect((await postPath(grant.manifestPath.replace("/api/share-manifests/", "/api/share-downloads/"))).status).toBe(403);

    const downloadable = await newLink({ allowDownload: true });
    const opened = (await openShare(downloadable.token)).body;
    const download = await postPath(opened.downloadPath);
    expect(download.status).toBe(201);
    expect(download.body.files).toBe(3);
    const zip = await fetch(download.body.url);
    expect(zip.status).toBe(200);
    expect((await accessLog(downloadable.linkId)).map((e) => e.outcome)).toEqual(["opened", "downloaded"]);
  });

  it("does not let a share link's ticket into the owner's own manifest route, which skips the link checks", async () => {
    const { token } = await newLink();
    const grant = (await openShare(token)).body;
    const ticket = grant.manifestPath.replace("/api/share-manifests/", "");
    expect((await getPath(`/api/viewer-manifests/${ticket}`)).status).toBe(403);
  });
});

it("stores no token in clear anywhere in Firestore: not in a field, not in a document id", async () => {
  const { token } = await newLink({ expiry: { preset: "1h" }, pin: "2468" });
  await openShare(token, { pin: "1357" });
  await openShare(token, { pin: "2468" });
  const documents = await everyDocument();
  // The walk did reach the share documents.
  expect(documents.some((d) => d.path.startsWith("shareTokens/"))).toBe(true);
  expect(documents.some((d) => d.path.startsWith("shareAttempts/") || d.path.includes("/accessLog/"))).toBe(true);
  for (const { path, data } of documents) {
    expect(path).not.toContain(token);
    expect(JSON.stringify(data)).not.toContain(token);
    expect(JSON.stringify(data)).not.toContain("2468\"");
  }
});
