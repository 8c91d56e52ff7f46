/**
 * The viewer manifest on the emulators: the owner gets OHIF's dicomjson with
 * a V4 signed URL per instance, whose signature verifies with the key's
 * public half and whose lifetime is the configured one; anyone else gets
 * nothing. The Storage emulator ignores signatures, so this test checks them.
 */
import { createPublicKey } from "node:crypto";
import { readFileSync } from "node:fs";
import { verifyV4SignedUrl } from "../../functions/src/viewer/testing/verify-v4-url";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { createUploader, uploadBatch, type Uploader } from "../support/ingest-client";
import { webUrl } from "../support/emulators";
import { getPath, openViewerSession, sendRaw, ticketFor } from "../support/share-client";

const keyFile = process.env.PACS_SIGNING_KEY_FILE;
const publicKey = () => createPublicKey(JSON.parse(readFileSync(keyFile!, "utf8")).private_key);

async function getManifest(user: Uploader | null, studyUID: string) {
  const response = await fetch(webUrl(`/api/studies/${studyUID}/manifest`), {
    headers: user ? { Authorization: `Bearer ${user.idToken}` } : {},
  });
  return { status: response.status, cacheControl: response.headers.get("cache-control"), body: (await response.json()) as any };
}

let owner: Uploader;
let other: Uploader;
const study = buildStudy({ series: [{ instances: 3 }, { instances: 2, modality: "MR" }] });

beforeAll(async () => {
  [owner, other] = await Promise.all([createUploader("viewer-owner"), createUploader("viewer-other")]);
  await uploadBatch(owner, [{ relativePath: "s.zip", bytes: await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes]))) }]);
});

it("gives the owner a manifest whose every image URL is signed, verifiable and short-lived", async () => {
  const { status, cacheControl, body } = await getManifest(owner, study.studyInstanceUID);
  expect(status).toBe(200);
  expect(cacheControl).toBe("private, no-store");
  const [manifestStudy] = body.studies;
  expect(manifestStudy.StudyInstanceUID).toBe(study.studyInstanceUID);
  expect(manifestStudy.series.map((s: any) => s.instances.length)).toEqual([3, 2]);
  const urls: string[] = manifestStudy.series.flatMap((s: any) => s.instances.map((i: any) => i.url));
  expect(urls).toHaveLength(5);
  for (const url of urls) {
    expect(url.startsWith("dicomweb:")).toBe(true);
    const check = verifyV4SignedUrl(url.slice("dicomweb:".length), publicKey());
    expect(check.valid).toBe(true);
    expect(check.expiresSeconds).toBe(3600);
    expect(Math.abs(check.signedAt.getTime() - Date.now())).toBeLessThan(120_000);
  }
  // The URL serves the stored instance itself.
  const first = manifestStudy.series[0].instances[0];
  const image = await fetch(first.url.slice("dicomweb:".length));
  expect(image.status).toBe(200);
  const bytes = new Uint8Array(await image.arrayBuffer());
  const original = study.files.find((f) => f.sopInstanceUID === first.metadata.SOPInstanceUID)!;
  expect(Buffer.from(bytes).equals(Buffer.from(original.bytes))).toBe(true);
});

it("refuses another user's study, and a request without a sign-in", async () => {
  const foreign = await getManifest(other, study.studyInstanceUID);
  expect(foreign.status).toBe(404);
  expect(foreign.body).toEqual({ error: "There is no such study in your archive." });
  const anonymous = await getManifest(null, study.studyInstanceUID);
  expect(anonymous.status).toBe(401);
});

describe("viewer sessions: a manifest link the viewer can fetch without a sign-in header", () => {
  it("issues a short-lived link to the owner that serves the manifest with its session cookie, through Hosting", async () => {
    const session = await openViewerSession(owner, study.studyInstanceUID);
    expect(session.status).toBe(201);
    expect(new Date(session.body.expiresAt).getTime() - Date.now()).toBeLessThanOrEqual(5 * 60 * 1000);
    // The path holds a random id, not the ticket: the ticket is the cookie, which stays out of request logs.
    expect(session.body.manifestPath).toMatch(/^\/api\/viewer-manifests\/[A-Za-z0-9_-]{22}$/);
    expect(session.body.manifestPath).not.toContain(ticketFor(session.body.manifestPath)!);
    const manifest = await getPath(session.body.manifestPath);
    expect(manifest.status).toBe(200);
    expect(manifest.body.studies[0].StudyInstanceUID).toBe(study.studyInstanceUID);
    expect(manifest.body.studies[0].series.flatMap((s: any) => s.instances)).toHaveLength(5);
  });

  it("a viewer session's id without its cookie, or with a tampered ticket, opens nothing", async () => {
    expect((await openViewerSession(other, study.studyInstanceUID)).status).toBe(404);
    const { body } = await openViewerSession(owner, study.studyInstanceUID);
    expect((await sendRaw(body.manifestPath, { method: "GET" })).status).toBe(403);
    const [payload, signature] = ticketFor(body.manifestPath)!.split(".");
    const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, uid: other.uid })).toString("base64url");
    const refused = await sendRaw(body.manifestPath, { method: "GET", headers: { Cookie: `__session=${forged}.${signature}` } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/expired or is not valid/);
  });
});
