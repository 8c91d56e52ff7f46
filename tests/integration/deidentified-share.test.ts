/**
 * De-identified share links on the emulators: the task makes the copies, the
 * link opens only once they are ready, and the recipient's manifest, ZIP and
 * access log see only the copies: the pseudonym, new UIDs, no identifying
 * byte of the original, URLs only under `deidentified/`.
 */
import { prepareDeidentifiedCopies } from "../../functions/src/deidentified-shares";
import { createUploader, db, instancesBucket, type Uploader } from "../support/ingest-client";
import { createShareLink, getPath, openShare, postPath, revokeShare, shareLinkDoc } from "../support/share-client";
import {
  createDeidentifiedLink,
  findValues,
  hashCopies,
  IDENTIFYING,
  listCopies,
  originalUIDs,
  readTag,
  readyDeidentifiedLink,
  readZipFiles,
  serverShareDoc,
  uploadIdentifiedStudy,
} from "../support/deidentified-share-client";

const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.54 Safari/537.36";

let owner: Uploader;
let study: Awaited<ReturnType<typeof uploadIdentifiedStudy>>;
/** Values no recipient may see: the original's identifying values and UIDs. */
let forbidden: string[];

beforeAll(async () => {
  owner = await createUploader("deid-owner");
  study = await uploadIdentifiedStudy(owner, [{ instances: 2 }, { instances: 1, seriesNumber: 7 }]);
  forbidden = [...Object.values(IDENTIFYING), ...originalUIDs(study)];
});

async function accessLog(linkId: string) {
  return (await shareLinkDoc(owner.uid, linkId).collection("accessLog").orderBy("at").get()).docs.map((doc) => doc.data());
}

async function auditEntries(action: string, linkId: string) {
  return (await db.collection(`users/${owner.uid}/auditLog`).where("action", "==", action).where("linkId", "==", linkId).get()).size;
}

describe("a de-identified link", () => {
  it("becomes ready, keeps its key server-only, and serves a manifest of the copies only", async () => {
    const { linkId, token, state } = await readyDeidentifiedLink(owner, study.studyInstanceUID);
    expect(state).toMatchObject({ status: "ready", total: 3, done: 3, leftOut: [], error: null, pseudonym: "Case 12" });
    expect(state.bytes).toBeGreaterThan(0);
    const server = (await serverShareDoc(linkId).get()).data()!;
    expect(server).toMatchObject({ ownerUid: owner.uid, linkId, StudyInstanceUID: study.studyInstanceUID });
    // The link the owner's browser reads holds no key.
    expect(JSON.stringify((await shareLinkDoc(owner.uid, linkId).get()).data())).not.toContain(server.key);
    expect(await auditEntries("deidentified-copies-prepared", linkId)).toBe(1);

    const opened = await openShare(token, { userAgent: CHROME });
    expect(opened).toMatchObject({ status: 200, body: { state: "open", deidentified: true } });
    const manifest = await getPath(opened.body.manifestPath);
    expect(manifest.status).toBe(200);
    const text = JSON.stringify(manifest.body);
    expect(findValues(text, forbidden)).toEqual([]);
    const [copy] = manifest.body.studies;
    expect(copy).toMatchObject({ PatientName: "Case 12", PatientID: "Case 12", NumInstances: 3 });
    expect(copy.StudyInstanceUID).toMatch(/^2\.25\.\d+$/);
    const instances = copy.series.flatMap((s: any) => s.instances);
    expect(instances).toHaveLength(3);
    for (const { url, metadata } of instances) {
      expect(metadata.StudyInstanceUID).toBe(copy.StudyInstanceUID);
      const path = decodeURIComponent(new URL(url.slice("dicomweb:".length)).pathname);
      expect(path).toContain(`/deidentified/${owner.uid}/${linkId}/${copy.StudyInstanceUID}/`);
      // What the URL serves is the copy: the pseudonym, and no identifying byte.
      const served = Buffer.from(await (await fetch(url.slice("dicomweb:".length))).arrayBuffer());
      expect(readTag(served, "x00100010")).toBe("Case 12");
      expect(findValues(served, forbidden)).toEqual([]);
    }
    expect(await accessLog(linkId)).toEqual([expect.objectContaining({ outcome: "opened", deidentified: true, browser: "Chrome 141 on Linux" })]);
  });

  it("serves the viewer-ready copy of an instance that has one, de-identified", async () => {
    const deflated = await uploadIdentifiedStudy(owner, [{ instances: 1 }], { encoding: "deflated" });
    const { linkId, token } = await readyDeidentifiedLink(owner, deflated.studyInstanceUID);
    const manifest = await getPath((await openShare(token)).body.manifestPath);
    const [instance] = manifest.body.studies[0].series[0].instances;
    const url = instance.url.slice("dicomweb:".length);
    expect(decodeURIComponent(new URL(url).pathname)).toMatch(new RegExp(`/deidentified/${owner.uid}/${linkId}/.+\\.viewable\\.dcm$`));
    // The copy of the copy: explicit VR little endian, as ingest made it, and nothing of the original.
    expect(instance.metadata.TransferSyntaxUID).toBe("1.2.840.10008.1.2.1");
    const served = Buffer.from(await (await fetch(url)).arrayBuffer());
    expect(readTag(served, "x00100010")).toBe("Case 12");
    expect(findValues(served, [...Object.values(IDENTIFYING), ...originalUIDs(deflated)])).toEqual([]);
    expect((await listCopies(owner.uid, linkId)).filter((name) => name.endsWith(".dcm"))).toHaveLength(2);
  });

  it("downloads as a ZIP of de-identified files only, logged as a de-identified download", async () => {
    const { linkId, token } = await readyDeidentifiedLink(owner, study.studyInstanceUID, {}, { allowDownload: true });
    const opened = await openShare(token);
    const download = await postPath(opened.body.downloadPath);
    expect(download.status).toBe(201);
    expect(download.body.files).toBe(3);
    expect(download.body.fileName).toMatch(/^Case_12_.*_deidentified\.zip$/);
    expect(decodeURIComponent(new URL(download.body.url).pathname)).toContain(`/deidentified/${owner.uid}/${linkId}/zip/`);
    const files = await readZipFiles(download.body.url);
    expect(files.size).toBe(3);
    for (const [name, bytes] of files) {
      expect(findValues(name, forbidden)).toEqual([]);
      expect(readTag(bytes, "x00120062")).toBe("YES");
      expect(readTag(bytes, "x00100010")).toBe("Case 12");
      expect(findValues(bytes, forbidden)).toEqual([]);
    }
    expect((await accessLog(linkId)).map((entry) => [entry.outcome, entry.deidentified])).toEqual([
      ["opened", true],
      ["downloaded", true],
    ]);
  });

  it("answers 409 while the copies are being made, without counting a view or logging an open, and 410 once they failed", async () => {
    const { linkId, token } = await readyDeidentifiedLink(owner, study.studyInstanceUID);
    // Held in "preparing", as while the task runs.
    await shareLinkDoc(owner.uid, linkId).update({ "deidentification.status": "preparing" });
    const preparing = await openShare(token);
    expect(preparing).toMatchObject({ status: 409, body: { state: "preparing" } });
    expect(preparing.body.error).toMatch(/still being made/);
    const link = (await shareLinkDoc(owner.uid, linkId).get()).data()!;
    expect(link.views).toBe(0);
    expect(await accessLog(linkId)).toEqual([]);

    await shareLinkDoc(owner.uid, linkId).update({ "deidentification.status": "failed", "deidentification.error": "test" });
    expect(await openShare(token)).toMatchObject({ status: 410, body: { state: "unavailable" } });
    expect((await shareLinkDoc(owner.uid, linkId).get()).get("views")).toBe(0);
  });

  it("a session opened on ready copies is refused once they are gone", async () => {
    const { linkId, token } = await readyDeidentifiedLink(owner, study.studyInstanceUID);
    const opened = await openShare(token);
    await shareLinkDoc(owner.uid, linkId).update({ "deidentification.status": "failed" });
    expect((await getPath(opened.body.manifestPath)).status).toBe(410);
  });

  it("prepared again with its key writes the same bytes to the same objects, and logs the preparation once", async () => {
    const { linkId } = await readyDeidentifiedLink(owner, study.studyInstanceUID);
    const first = await hashCopies(owner.uid, linkId);
    const firstChunks = (await serverShareDoc(linkId).collection("instanceChunks").get()).docs.map((doc) => doc.data());
    expect(Object.keys(first)).toHaveLength(3);
    await shareLinkDoc(owner.uid, linkId).update({ "deidentification.status": "preparing", "deidentification.done": 0 });
    expect(await prepareDeidentifiedCopies({ db, instancesBucket: () => instancesBucket }, owner.uid, linkId)).toBe("ready");
    expect(await hashCopies(owner.uid, linkId)).toEqual(first);
    expect((await serverShareDoc(linkId).collection("instanceChunks").get()).docs.map((doc) => doc.data())).toEqual(firstChunks);
    expect(await auditEntries("deidentified-copies-prepared", linkId)).toBe(1);
  });

  it("two links to one study give the copies different UIDs", async () => {
    const [a, b] = await Promise.all([readyDeidentifiedLink(owner, study.studyInstanceUID), readyDeidentifiedLink(owner, study.studyInstanceUID)]);
    const studyOf = async (linkId: string) => (await serverShareDoc(linkId).get()).get("study");
    const [studyA, studyB] = await Promise.all([studyOf(a.linkId), studyOf(b.linkId)]);
    expect(studyA.StudyInstanceUID).not.toBe(studyB.StudyInstanceUID);
    const sops = async (linkId: string) => (await listCopies(owner.uid, linkId)).map((name) => name.split("/").pop());
    const [sopsA, sopsB] = await Promise.all([sops(a.linkId), sops(b.linkId)]);
    expect(sopsA.filter((name) => sopsB.includes(name))).toEqual([]);
  });
});

it("refuses a sixth live de-identified link to one study, and counts a revoked one out", async () => {
  const small = await uploadIdentifiedStudy(owner, [{ instances: 1 }]);
  const links: string[] = [];
  for (let i = 0; i < 5; i++) {
    const created = await createDeidentifiedLink(owner, small.studyInstanceUID);
    expect(created.status).toBe(201);
    links.push(created.body.linkId);
  }
  const sixth = await createDeidentifiedLink(owner, small.studyInstanceUID);
  expect(sixth.status).toBe(409);
  expect(sixth.body.error).toMatch(/already has 5 live de-identified links/);
  // A link that shares the study as stored holds no copy, and is not capped.
  expect((await createShareLink(owner, { StudyInstanceUID: small.studyInstanceUID })).status).toBe(201);
  expect((await revokeShare(owner, links[0]!)).status).toBe(200);
  expect((await createDeidentifiedLink(owner, small.studyInstanceUID)).status).toBe(201);
});
