/**
 * QIDO-RS searches and WADO-RS metadata on the emulators: studies go through
 * the normal upload path, then a DICOMweb client's requests (Bearer Firebase
 * ID token) find them by the standard's matching rules, from Firestore.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildStudy, type BuiltStudy } from "../../functions/src/ingest/testing/build-study";
import type { DicomElementSpec } from "../../functions/src/ingest/testing/build-dicom";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { createAccessToken } from "../support/access-tokens";
import { webUrl } from "../support/emulators";
import { createUploader, uploadBatch, type Uploader } from "../support/ingest-client";

type DicomJson = Record<string, { vr: string; Value?: any[]; BulkDataURI?: string }>;

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const zipOf = (study: BuiltStudy) => buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes])));
const TAGS: Record<string, [string, string]> = {
  PatientName: ["00100010", "PN"],
  PatientID: ["00100020", "LO"],
  AccessionNumber: ["00080050", "SH"],
  StudyDate: ["00080020", "DA"],
  StudyDescription: ["00081030", "LO"],
};

function studyOf(series: Array<{ modality: string; instances: number }>, patient: Record<string, string>): BuiltStudy {
  const elements: DicomElementSpec[] = Object.entries(patient).map(([keyword, value]) => ({ tag: TAGS[keyword]![0], vr: TAGS[keyword]![1], value: utf8(value) }));
  return buildStudy({ series, patient: elements, options: { specificCharacterSet: "ISO_IR 192" } });
}

let user: Uploader;
let stranger: Uploader;
const doe = studyOf([{ modality: "CT", instances: 2 }, { modality: "CT", instances: 1 }], { PatientName: "Doe^Jane", PatientID: "PID-A1", AccessionNumber: "ACC-A", StudyDate: "20240131", StudyDescription: "CT HEAD" });
const muller = studyOf([{ modality: "MR", instances: 1 }, { modality: "CT", instances: 1 }], { PatientName: "Müller^Hans", PatientID: "PID-B2", AccessionNumber: "ACC-B", StudyDate: "20230615", StudyDescription: "MR Knee left" });
const yamada = studyOf([{ modality: "US", instances: 1 }], { PatientName: "Yamada^Tarou=山田^太郎=やまだ^たろう", PatientID: "JP-7", AccessionNumber: "X99", StudyDate: "20220301", StudyDescription: "Abdomen" });
const strangers = studyOf([{ modality: "CT", instances: 1 }], { PatientName: "Doe^John", PatientID: "PID-Z", StudyDate: "20240131" });

async function get(path: string, as: Uploader | string = user, accept = "application/dicom+json") {
  const token = typeof as === "string" ? as : as.idToken;
  const response = await fetch(webUrl(`/dicomweb/${path}`), { headers: { Authorization: `Bearer ${token}`, Accept: accept } });
  const text = await response.text();
  return { status: response.status, type: response.headers.get("content-type"), warning: response.headers.get("warning"), text, json: () => JSON.parse(text) as DicomJson[] };
}

async function search(path: string): Promise<DicomJson[]> {
  const response = await get(path);
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${response.text}`);
  return response.json();
}

const value = (dataset: DicomJson | undefined, tag: string) => dataset?.[tag]?.Value?.[0];
const studyUIDs = async (query: string) => (await search(`studies?${query}`)).map((d) => value(d, "0020000D") as string).sort();
const sorted = (...studies: BuiltStudy[]) => studies.map((s) => s.studyInstanceUID).sort();

beforeAll(async () => {
  [user, stranger] = await Promise.all([createUploader("qido"), createUploader("qido-stranger")]);
  await Promise.all([
    uploadBatch(user, [
      { relativePath: "doe.zip", bytes: await zipOf(doe) },
      { relativePath: "muller.zip", bytes: await zipOf(muller) },
      { relativePath: "yamada.zip", bytes: await zipOf(yamada) },
    ]),
    uploadBatch(stranger, [{ relativePath: "stranger.zip", bytes: await zipOf(strangers) }]),
  ]);
});

it("answers a study search as DICOM JSON with the attributes OHIF reads and an absolute RetrieveURL", async () => {
  const response = await get(`studies?PatientID=PID-A1`);
  expect(response.status).toBe(200);
  expect(response.type).toMatch(/^application\/dicom\+json/);
  const [study, ...others] = response.json();
  expect(others).toEqual([]);
  expect(study).toMatchObject({
    "0020000D": { vr: "UI", Value: [doe.studyInstanceUID] },
    "00080020": { vr: "DA", Value: ["20240131"] },
    "00080030": { vr: "TM", Value: ["101500"] },
    "00080050": { vr: "SH", Value: ["ACC-A"] },
    "00080061": { vr: "CS", Value: ["CT"] },
    "00080090": { vr: "PN", Value: [{ Alphabetic: "Referrer^Rita" }] },
    "00081030": { vr: "LO", Value: ["CT HEAD"] },
    "00100010": { vr: "PN", Value: [{ Alphabetic: "Doe^Jane" }] },
    "00100020": { vr: "LO", Value: ["PID-A1"] },
    "00100030": { vr: "DA", Value: ["19700101"] },
    "00100040": { vr: "CS", Value: ["F"] },
    "00201206": { vr: "IS", Value: [2] },
    "00201208": { vr: "IS", Value: [3] },
    "00081190": { vr: "UR", Value: [webUrl(`/dicomweb/studies/${doe.studyInstanceUID}`)] },
  });
  expect(value(study, "00081190")).toMatch(/^https?:\/\//);
});

it("matches person names with wild cards, case-insensitively, and on any component group", async () => {
  expect(await studyUIDs("PatientName=doe*")).toEqual(sorted(doe));
  expect(await studyUIDs("PatientName=*^JANE")).toEqual(sorted(doe));
  expect(await studyUIDs("00100010=D?e^Jane")).toEqual(sorted(doe));
  expect(await studyUIDs("PatientName=山田^太郎")).toEqual(sorted(yamada));
  expect(await studyUIDs("PatientName=Doe")).toEqual([]);
});

it("with fuzzymatching=true, finds a name by the start of any name, accents and case folded", async () => {
  expect(await studyUIDs("PatientName=hans&fuzzymatching=true")).toEqual(sorted(muller));
  expect(await studyUIDs("PatientName=muller&fuzzymatching=true")).toEqual(sorted(muller));
  expect(await studyUIDs("PatientName=jan%20do&fuzzymatching=true")).toEqual(sorted(doe));
  expect(await studyUIDs("PatientName=hans")).toEqual([]);
});

it("matches study date ranges, open or closed, and a single day", async () => {
  expect(await studyUIDs("StudyDate=20230101-20241231")).toEqual(sorted(doe, muller));
  expect(await studyUIDs("StudyDate=-20221231")).toEqual(sorted(yamada));
  expect(await studyUIDs("StudyDate=20230615-")).toEqual(sorted(doe, muller));
  expect(await studyUIDs("StudyDate=20240131")).toEqual(sorted(doe));
});

it("matches a list of study UIDs, never another user's", async () => {
  expect(await studyUIDs(`StudyInstanceUID=${doe.studyInstanceUID},${yamada.studyInstanceUID}`)).toEqual(sorted(doe, yamada));
  expect(await studyUIDs(`StudyInstanceUID=${muller.studyInstanceUID}\\${strangers.studyInstanceUID}`)).toEqual(sorted(muller));
});

it("matches modalities in study, and several keys together", async () => {
  expect(await studyUIDs("ModalitiesInStudy=MR")).toEqual(sorted(muller));
  expect(await studyUIDs("ModalitiesInStudy=CT")).toEqual(sorted(doe, muller));
  expect(await studyUIDs("ModalitiesInStudy=CT&StudyDescription=MR*")).toEqual(sorted(muller));
  expect(await studyUIDs("AccessionNumber=ACC-?&StudyDate=-20231231")).toEqual(sorted(muller));
});

it("pages with limit and offset in one stable order, and answers an empty page with []", async () => {
  const all = (await search("studies")).map((d) => value(d, "0020000D"));
  expect([...all].sort()).toEqual(sorted(doe, muller, yamada));
  const pages = [await search("studies?limit=2"), await search("studies?limit=2&offset=2")].map((page) => page.map((d) => value(d, "0020000D")));
  expect(pages.map((page) => page.length)).toEqual([2, 1]);
  expect(pages.flat()).toEqual(all);
  const empty = await get("studies?offset=3");
  expect([empty.status, empty.text]).toEqual([200, "[]"]);
});

it("lists a study's series with the attributes OHIF reads, and more with includefield=all", async () => {
  const series = await search(`studies/${doe.studyInstanceUID}/series`);
  expect(series.map((s) => value(s, "0020000E"))).toEqual(doe.seriesInstanceUIDs);
  expect(series[0]).toMatchObject({
    "00080060": { Value: ["CT"] },
    "00200011": { vr: "IS", Value: [1] },
    "00201209": { vr: "IS", Value: [2] },
    "0008103E": { Value: ["Series 1"] },
    "00081190": { Value: [webUrl(`/dicomweb/studies/${doe.studyInstanceUID}/series/${doe.seriesInstanceUIDs[0]}`)] },
  });
  expect(series[0]!["00100010"]).toBeUndefined();
  const all = await search(`studies/${doe.studyInstanceUID}/series?includefield=all&SeriesNumber=2`);
  expect(all.map((s) => value(s, "0020000E"))).toEqual([doe.seriesInstanceUIDs[1]]);
  expect(all[0]).toMatchObject({ "00100010": { Value: [{ Alphabetic: "Doe^Jane" }] }, "00180015": { Value: ["HEAD"] } });
});

it("fills a page of series or instances across studies even when the newest studies have none that match", async () => {
  const series = await search("series?SeriesNumber=2&limit=2");
  expect(series.map((s) => value(s, "0020000E")).sort()).toEqual([doe.seriesInstanceUIDs[1], muller.seriesInstanceUIDs[1]].sort());
  const instances = await search("instances?InstanceNumber=2&limit=1");
  expect(instances.map((i) => value(i, "00080018"))).toEqual([doe.files[1]!.sopInstanceUID]);
});

it("searches series across studies with their study's attributes", async () => {
  const series = await search("series?Modality=MR");
  expect(series.map((s) => value(s, "0020000E"))).toEqual([muller.seriesInstanceUIDs[0]]);
  expect(series[0]).toMatchObject({ "0020000D": { Value: [muller.studyInstanceUID] }, "00100010": { Value: [{ Alphabetic: "Müller^Hans" }] } });
});

it("lists a series' instances, and searches instances across studies", async () => {
  const instances = await search(`studies/${doe.studyInstanceUID}/series/${doe.seriesInstanceUIDs[0]}/instances`);
  const files = doe.files.filter((f) => f.seriesInstanceUID === doe.seriesInstanceUIDs[0]);
  expect(instances.map((i) => value(i, "00080018"))).toEqual(files.map((f) => f.sopInstanceUID));
  expect(instances[1]).toMatchObject({
    "00080016": { Value: ["1.2.840.10008.5.1.4.1.1.2"] },
    "00200013": { vr: "IS", Value: [2] },
    "00280010": { vr: "US", Value: [2] },
    "00280011": { vr: "US", Value: [2] },
    "00081190": { Value: [webUrl(`/dicomweb/studies/${doe.studyInstanceUID}/series/${doe.seriesInstanceUIDs[0]}/instances/${files[1]!.sopInstanceUID}`)] },
  });
  const across = await search("instances?PatientID=PID-A1&InstanceNumber=1");
  expect(across.map((i) => value(i, "00080018")).sort()).toEqual(doe.files.filter((f) => f.name.endsWith("IM0001.dcm")).map((f) => f.sopInstanceUID).sort());
});

it("answers a study's and a series' metadata from the index, with the original's transfer syntax and a BulkDataURI", async () => {
  const metadata = await search(`studies/${doe.studyInstanceUID}/metadata`);
  expect(metadata.map((m) => value(m, "00080018")).sort()).toEqual(doe.files.map((f) => f.sopInstanceUID).sort());
  const first = metadata.find((m) => value(m, "00080018") === doe.files[0]!.sopInstanceUID)!;
  expect(first).toMatchObject({
    "00020010": { vr: "UI", Value: ["1.2.840.10008.1.2.1"] },
    "00100010": { Value: [{ Alphabetic: "Doe^Jane" }] },
    "00280100": { vr: "US", Value: [16] },
    "00281052": { vr: "DS", Value: [-1024] },
    "7FE00010": { vr: "OW", BulkDataURI: webUrl(`/dicomweb/studies/${doe.studyInstanceUID}/series/${doe.seriesInstanceUIDs[0]}/instances/${doe.files[0]!.sopInstanceUID}/bulkdata/7fe00010`) },
  });
  expect(await search(`studies/${doe.studyInstanceUID}/series/${doe.seriesInstanceUIDs[1]}/metadata`)).toHaveLength(1);
});

it("gives the same values as dcmdump reads from the file itself", async () => {
  const file = muller.files[0]!;
  const [metadata] = await search(`studies/${muller.studyInstanceUID}/series/${file.seriesInstanceUID}/instances/${file.sopInstanceUID}/metadata`);
  const dir = mkdtempSync(join(tmpdir(), "qido-dcmdump-"));
  try {
    writeFileSync(join(dir, "file.dcm"), file.bytes);
    const dump = execFileSync("dcmdump", ["-q", "-Un", join(dir, "file.dcm")], { encoding: "utf8" });
    const dumped = (tag: string) => new RegExp(`^\\(${tag.slice(0, 4)},${tag.slice(4)}\\) \\w\\w \\[([^\\]]*)\\]`, "im").exec(dump)?.[1];
    for (const tag of ["00080018", "0020000E", "00080060", "00100020", "00080020", "00020010"]) expect([tag, String(value(metadata, tag))]).toEqual([tag, dumped(tag)]);
    expect(value(metadata, "00100010").Alphabetic).toBe(dumped("00100010"));
    expect(String(value(metadata, "00280010"))).toBe(/^\(0028,0010\) US (\d+)/m.exec(dump)?.[1]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it("answers 404, never 403, for another user's study, and for a UID that cannot be one", async () => {
  for (const path of [`studies/${strangers.studyInstanceUID}/series`, `studies/${strangers.studyInstanceUID}/metadata`, "studies/not-a-uid/metadata"]) {
    const response = await get(path);
    expect([path, response.status, response.text]).toEqual([path, 404, "There is no such study in this archive."]);
  }
  expect((await get(`studies/${doe.studyInstanceUID}/series/1.2.3/metadata`)).status).toBe(404);
});

it("refuses what it cannot answer, saying why", async () => {
  const xml = await get("studies", user, 'multipart/related; type="application/dicom+xml"');
  expect(xml.status).toBe(406);
  expect(xml.text).toMatch(/application\/dicom\+json only/);
  expect((await get("studies", user, "application/json")).status).toBe(200);
  const typo = await get("studies?PatientNmae=Doe");
  expect([typo.status, typo.text]).toEqual([400, expect.stringMatching(/PatientNmae is not a DICOM attribute/)]);
  const ignored = await get("studies?PatientWeight=70&PatientID=PID-A1");
  expect(ignored.status).toBe(200);
  expect(ignored.json()).toHaveLength(1);
  expect(ignored.warning).toMatch(/^299 - ".*PatientWeight is not kept/);
});

it("answers a search made with a read-only personal access token, over its owner's studies only", async () => {
  const token = await createAccessToken(user, { name: "qido reader", scope: "read" });
  const response = await get("studies?PatientName=Doe*", token);
  expect(response.status).toBe(200);
  expect(response.json().map((d) => value(d, "0020000D"))).toEqual([doe.studyInstanceUID]);
  expect((await get(`studies/${strangers.studyInstanceUID}/metadata`, token)).status).toBe(404);
});
