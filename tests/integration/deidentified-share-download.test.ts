/**
 * Burned-in text and the owner's de-identified download, on the emulators:
 * the check lists the series that may carry burned-in text; an ultrasound
 * study is refused by default and included only with the acknowledgement;
 * a mixed study's link leaves the ultrasound series out and says so; the
 * owner's ZIP is de-identified with a fresh key each time and is logged.
 */
import { createUploader, db, type Uploader } from "../support/ingest-client";
import { getPath, openShare } from "../support/share-client";
import {
  createDeidentifiedLink,
  findValues,
  IDENTIFYING,
  originalUIDs,
  postJson,
  readTag,
  readyDeidentifiedLink,
  readZipFiles,
  uploadIdentifiedStudy,
} from "../support/deidentified-share-client";

let owner: Uploader;
let mixed: Awaited<ReturnType<typeof uploadIdentifiedStudy>>;
let ultrasound: Awaited<ReturnType<typeof uploadIdentifiedStudy>>;

beforeAll(async () => {
  owner = await createUploader("deid-download");
  [mixed, ultrasound] = await Promise.all([
    uploadIdentifiedStudy(owner, [{ instances: 2, seriesNumber: 1 }, { instances: 2, seriesNumber: 2, modality: "US", description: "Liver" }]),
    uploadIdentifiedStudy(owner, [{ instances: 2, modality: "US" }]),
  ]);
});

const usSeries = () => mixed.seriesInstanceUIDs[1]!;

it("checks a study: how many instances, and the series that may carry burned-in text", async () => {
  const check = await postJson(owner, `/api/studies/${mixed.studyInstanceUID}/deidentification-check`);
  expect(check.status).toBe(200);
  expect(check.body).toEqual({
    instances: 4,
    burnedInText: [{ SeriesInstanceUID: usSeries(), SeriesNumber: 2, SeriesDescription: "Liver", Modality: "US", instances: 2, reason: expect.stringMatching(/ultrasound/i) }],
  });
  const stranger = await createUploader("deid-stranger");
  expect((await postJson(stranger, `/api/studies/${mixed.studyInstanceUID}/deidentification-check`)).status).toBe(404);
});

it("refuses to share an ultrasound study de-identified by default, and shares it with the acknowledgement", async () => {
  const refused = await createDeidentifiedLink(owner, ultrasound.studyInstanceUID);
  expect(refused.status).toBe(400);
  expect(refused.body.error).toMatch(/burned-in text/);
  expect((await db.collectionGroup("shareLinks").where("StudyInstanceUID", "==", ultrasound.studyInstanceUID).get()).size).toBe(0);

  const { token, state } = await readyDeidentifiedLink(owner, ultrasound.studyInstanceUID, { includeBurnedInText: true });
  expect(state).toMatchObject({ total: 2, done: 2, leftOut: [], includeBurnedInText: true });
  const manifest = await getPath((await openShare(token)).body.manifestPath);
  expect(manifest.body.studies[0].series.map((s: any) => s.Modality)).toEqual(["US"]);
});

it("leaves a mixed study's ultrasound series out of the copies and lists it", async () => {
  const { token, state } = await readyDeidentifiedLink(owner, mixed.studyInstanceUID);
  expect(state).toMatchObject({ total: 2, done: 2, leftOut: [expect.objectContaining({ SeriesInstanceUID: usSeries(), instances: 2 })] });
  const manifest = await getPath((await openShare(token)).body.manifestPath);
  const series = manifest.body.studies[0].series;
  expect(series.map((s: any) => [s.Modality, s.instances.length])).toEqual([["CT", 2]]);
  expect(findValues(JSON.stringify(manifest.body), [...Object.values(IDENTIFYING), ...originalUIDs(mixed)])).toEqual([]);
});

describe("the owner's de-identified download", () => {
  const download = (body: Record<string, unknown>, study = mixed) => postJson(owner, `/api/studies/${study.studyInstanceUID}/deidentified-download`, body);

  it("is a ZIP of de-identified files without the ultrasound series, logged in the owner's activity", async () => {
    const answer = await download({ pseudonym: "Teaching 1" });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ files: 2, fileName: expect.stringMatching(/^Teaching_1_.*_deidentified\.zip$/) });
    expect(answer.body.leftOut).toEqual([expect.objectContaining({ SeriesInstanceUID: usSeries(), instances: 2 })]);
    const files = await readZipFiles(answer.body.url);
    expect([...files.keys()].every((name) => name.startsWith("1_CT/"))).toBe(true);
    const forbidden = [...Object.values(IDENTIFYING), ...originalUIDs(mixed)];
    for (const [name, bytes] of files) {
      expect(findValues(name, forbidden)).toEqual([]);
      expect(readTag(bytes, "x00120062")).toBe("YES");
      expect(readTag(bytes, "x00100010")).toBe("Teaching 1");
      expect(findValues(bytes, forbidden)).toEqual([]);
    }
    const audit = await db.collection(`users/${owner.uid}/auditLog`).where("action", "==", "study-downloaded-deidentified").get();
    expect(audit.docs.map((doc) => doc.get("StudyInstanceUID"))).toContain(mixed.studyInstanceUID);
  });

  it("uses a fresh key each time, and includes burned-in images only when acknowledged", async () => {
    const first = await readZipFiles((await download({ pseudonym: "Teaching 1" })).body.url);
    const again = await download({ pseudonym: "Teaching 1", includeBurnedInText: true });
    expect(again.body).toMatchObject({ files: 4, leftOut: [] });
    const second = await readZipFiles(again.body.url);
    const uidsOf = (files: Map<string, Buffer>) => [...files.values()].map((bytes) => readTag(bytes, "x00080018"));
    expect(uidsOf(first).filter((uid) => uidsOf(second).includes(uid))).toEqual([]);
  });

  it("refuses an ultrasound study without the acknowledgement, and a pseudonym that is not valid", async () => {
    const refused = await download({ pseudonym: "Case 1" }, ultrasound);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/burned-in text/);
    expect((await download({ pseudonym: "Case\\1" })).status).toBe(400);
  });
});
