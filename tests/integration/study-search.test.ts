/**
 * Study list search on the emulators: studies go through real ingest, then
 * the web app's query plans (apps/web/src/lib/study-query.ts) run through the
 * Admin SDK exactly as the browser builds them, and each finds what a user
 * would expect. (The emulator needs no indexes; a unit test checks
 * firestore.indexes.json has one for every plan.)
 */
import type { Query } from "firebase-admin/firestore";
import { buildStudyQueryPlan, matchesOtherTokens, NO_FILTERS, type StudyFilters } from "../../apps/web/src/lib/study-query";
import { buildStudy, type BuiltStudy } from "../../functions/src/ingest/testing/build-study";
import type { DicomElementSpec } from "../../functions/src/ingest/testing/build-dicom";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { createUploader, db, readStudy, uploadBatch, type Uploader } from "../support/ingest-client";

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const zipOf = (study: BuiltStudy) => buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes])));

function studyOf(modalities: string[], patient: Record<string, string>): BuiltStudy {
  const tags: Record<string, [string, string]> = {
    PatientName: ["00100010", "PN"],
    PatientID: ["00100020", "LO"],
    AccessionNumber: ["00080050", "SH"],
    StudyDate: ["00080020", "DA"],
    StudyDescription: ["00081030", "LO"],
  };
  const elements: DicomElementSpec[] = Object.entries(patient).map(([keyword, value]) => ({ tag: tags[keyword]![0], vr: tags[keyword]![1], value: utf8(value) }));
  return buildStudy({ series: modalities.map((modality) => ({ instances: 1, modality })), patient: elements, options: { specificCharacterSet: "ISO_IR 192" } });
}

let user: Uploader;
const doe = studyOf(["CT"], { PatientName: "Doe^Jane", PatientID: "PID-A1", AccessionNumber: "ACC-A", StudyDate: "20240131", StudyDescription: "CT HEAD" });
const muller = studyOf(["MR", "CT"], { PatientName: "Müller^Hans", PatientID: "PID-B2", AccessionNumber: "ACC-B", StudyDate: "20230615", StudyDescription: "MR Knee left" });
const yamada = studyOf(["US"], { PatientName: "Yamada^Tarou=山田^太郎=やまだ^たろう", PatientID: "JP-7", AccessionNumber: "X99", StudyDate: "20220301", StudyDescription: "Abdomen" });

/** The study UIDs a plan finds, in its order, as the study list would show them. */
async function find(filters: Partial<StudyFilters>): Promise<string[]> {
  const plan = buildStudyQueryPlan({ ...NO_FILTERS, ...filters });
  let query: Query = db.collection(`users/${user.uid}/studies`);
  for (const w of plan.where) query = query.where(w.field, w.op, w.value);
  for (const o of plan.orderBy) query = query.orderBy(o.field, o.direction);
  const snapshot = await query.get();
  return snapshot.docs.filter((doc) => matchesOtherTokens(plan, doc.get("searchTerms"))).map((doc) => doc.id);
}

beforeAll(async () => {
  user = await createUploader("search");
  await uploadBatch(user, [
    { relativePath: "doe.zip", bytes: await zipOf(doe) },
    { relativePath: "muller.zip", bytes: await zipOf(muller) },
    { relativePath: "yamada.zip", bytes: await zipOf(yamada) },
  ]);
});

it("stores the search fields with each ingested study", async () => {
  expect(await readStudy(user.uid, muller.studyInstanceUID)).toMatchObject({
    PatientName: "Müller^Hans",
    modalities: { CT: true, MR: true },
    studyDateKey: "20230615",
    searchTerms: expect.arrayContaining(["mul", "muller", "hans", "pid-b2", "acc-b", "knee"]),
  });
});

it("finds a patient by either part of the name, in any case and without accents", async () => {
  expect(await find({ text: "ja" })).toEqual([doe.studyInstanceUID]);
  expect(await find({ text: "DOE" })).toEqual([doe.studyInstanceUID]);
  expect(await find({ text: "mul" })).toEqual([muller.studyInstanceUID]);
  expect(await find({ text: "Hans Müller" })).toEqual([muller.studyInstanceUID]);
  expect(await find({ text: "jane muller" })).toEqual([]);
  expect(await find({ text: "山田" })).toEqual([yamada.studyInstanceUID]);
  expect(await find({ text: "たろう" })).toEqual([yamada.studyInstanceUID]);
});

it("finds by patient ID, accession number and description", async () => {
  expect(await find({ text: "pid-b" })).toEqual([muller.studyInstanceUID]);
  expect(await find({ text: "JP-7" })).toEqual([yamada.studyInstanceUID]);
  expect(await find({ text: "acc-a" })).toEqual([doe.studyInstanceUID]);
  expect(await find({ text: "knee" })).toEqual([muller.studyInstanceUID]);
  expect((await find({ text: "pid" })).sort()).toEqual([doe.studyInstanceUID, muller.studyInstanceUID].sort());
});

it("filters by modality, also together with a search", async () => {
  expect((await find({ modality: "CT" })).sort()).toEqual([doe.studyInstanceUID, muller.studyInstanceUID].sort());
  expect(await find({ modality: "US" })).toEqual([yamada.studyInstanceUID]);
  expect(await find({ modality: "MR", text: "pid" })).toEqual([muller.studyInstanceUID]);
  expect(await find({ modality: "MG" })).toEqual([]);
});

it("filters by study date range, sorted by study date", async () => {
  expect(await find({ from: "20230101" })).toEqual([doe.studyInstanceUID, muller.studyInstanceUID]);
  expect(await find({ from: "20230101", sort: "study-date-asc" })).toEqual([muller.studyInstanceUID, doe.studyInstanceUID]);
  expect(await find({ to: "20230615" })).toEqual([muller.studyInstanceUID, yamada.studyInstanceUID]);
  expect(await find({ from: "20230101", to: "20231231", modality: "CT", text: "hans" })).toEqual([muller.studyInstanceUID]);
  expect(await find({ sort: "study-date-asc" })).toEqual([yamada.studyInstanceUID, muller.studyInstanceUID, doe.studyInstanceUID]);
});
