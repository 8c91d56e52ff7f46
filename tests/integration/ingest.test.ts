/**
 * Ingest end to end on the emulators: files go where the browser puts them,
 * the Storage trigger in the Functions emulator ingests them, and each test
 * asserts the exact verdicts and the Firestore and Storage state after.
 */
import { gzipSync } from "node:zlib";
import { buildInstancePath } from "@pacs/shared";
import { buildDicomdir } from "../../functions/src/ingest/testing/build-dicomdir";
import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA } from "../../functions/src/ingest/testing/build-dicom";
import { buildStudy, uniqueUID, type BuiltStudy } from "../../functions/src/ingest/testing/build-study";
import { buildZip, entryDataOffset, markEncrypted } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import {
  callApi,
  createUploader,
  db,
  instancesBucket,
  listObjects,
  listStudyUIDs,
  objectExists,
  readStudy,
  readStudyInstances,
  uploadBatch,
  usedBytes,
  type Uploader,
} from "../support/ingest-client";

const sum = (files: { bytes: Uint8Array }[]) => files.reduce((total, file) => total + file.bytes.length, 0);
const asZipFiles = (study: BuiltStudy) => Object.fromEntries(study.files.map((file) => [file.name, file.bytes]));

/** Everything a stored study must satisfy: counts, one chunk entry and one object per instance. */
async function expectStoredStudy(user: Uploader, study: BuiltStudy, seriesCounts: number[]) {
  const record = await readStudy(user.uid, study.studyInstanceUID);
  expect(record).toMatchObject({
    StudyInstanceUID: study.studyInstanceUID,
    PatientName: "Doe^Jane",
    PatientID: "PID-1",
    NumberOfStudyRelatedSeries: seriesCounts.length,
    NumberOfStudyRelatedInstances: seriesCounts.reduce((a, b) => a + b, 0),
    totalBytes: sum(study.files),
  });
  expect(record!.series.map((s) => s.NumberOfSeriesRelatedInstances)).toEqual(seriesCounts);
  const instances = await readStudyInstances(user.uid, study.studyInstanceUID);
  expect(instances.map((i) => i.metadata.SOPInstanceUID).sort()).toEqual(study.files.map((f) => f.sopInstanceUID).sort());
  const objects = await listObjects(`instances/${user.uid}/${study.studyInstanceUID}/`, instancesBucket);
  expect(objects).toEqual(
    study.files.map((f) => buildInstancePath(user.uid, study.studyInstanceUID, f.seriesInstanceUID, f.sopInstanceUID)).sort(),
  );
}

async function expectUploadsDeleted(user: Uploader) {
  expect(await listObjects(`uploads/${user.uid}/`)).toEqual([]);
}

it("ingests a single DICOM file", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 1 }] });
  const { batch } = await uploadBatch(user, [{ relativePath: "IM0001.dcm", bytes: study.files[0]!.bytes }]);
  expect(batch).toMatchObject({ counts: { stored: 1, duplicate: 0, skipped: 0, failed: 0 }, filesProcessed: 1, problems: [], studyInstanceUIDs: [study.studyInstanceUID] });
  await expectStoredStudy(user, study, [1]);
  const [instance] = await readStudyInstances(user.uid, study.studyInstanceUID);
  expect(instance!.metadata).toMatchObject({ Modality: "CT", Rows: 2, Columns: 2, InstanceNumber: 1, ImagePositionPatient: [-125, -130.5, 0] });
  expect(await usedBytes(user.uid)).toBe(sum(study.files));
  await expectUploadsDeleted(user);
});

it("ingests a ZIP of a multi-series study", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 3 }, { instances: 2, modality: "MR" }] });
  const { batch } = await uploadBatch(user, [{ relativePath: "study.zip", bytes: await buildZip(asZipFiles(study)) }]);
  expect(batch.counts).toEqual({ stored: 5, duplicate: 0, skipped: 0, failed: 0 });
  await expectStoredStudy(user, study, [3, 2]);
  expect((await readStudy(user.uid, study.studyInstanceUID))!.ModalitiesInStudy).toEqual(["CT", "MR"]);
  await expectUploadsDeleted(user);
});

it("unpacks a ZIP inside a ZIP, one level deep", async () => {
  const user = await createUploader();
  const inner = buildStudy({ series: [{ instances: 2 }] });
  const outer = buildStudy({ series: [{ instances: 1 }] });
  const zip = await buildZip({ ...asZipFiles(outer), "more/inner.zip": await buildZip(asZipFiles(inner)) });
  const { batch } = await uploadBatch(user, [{ relativePath: "export.zip", bytes: zip }]);
  expect(batch.counts).toEqual({ stored: 3, duplicate: 0, skipped: 0, failed: 0 });
  expect([...batch.studyInstanceUIDs].sort()).toEqual([inner.studyInstanceUID, outer.studyInstanceUID].sort());
  await expectStoredStudy(user, inner, [2]);
  await expectStoredStudy(user, outer, [1]);
});

it("ingests a folder with a DICOMDIR and reports a listed file that is missing", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 3 }] });
  const onDisc = study.files.map((file, i) => ({ ...file, discPath: ["DICOM", "ST1", `IM${i + 1}`] }));
  const lost = { path: ["DICOM", "ST1", "IM9"], sopInstanceUID: uniqueUID() };
  const dicomdir = buildDicomdir([...onDisc.map((f) => ({ path: f.discPath, sopInstanceUID: f.sopInstanceUID })), lost]);
  const files = [
    { relativePath: "CD/DICOMDIR", bytes: dicomdir },
    // Lower case, as many systems show ISO 9660 names: still matches the DICOMDIR.
    ...onDisc.map((f) => ({ relativePath: `CD/${f.discPath.join("/").toLowerCase()}`, bytes: f.bytes })),
  ];
  const { batch } = await uploadBatch(user, files);
  expect(batch.counts).toEqual({ stored: 3, duplicate: 0, skipped: 1, failed: 0 });
  expect(batch.dicomdirMissing).toBe(1);
  expect(batch.problems).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ file: "CD/DICOMDIR", verdict: "skipped", reason: "dicomdir" }),
      expect.objectContaining({ file: "CD/DICOM/ST1/IM9", verdict: "failed", reason: "missing-from-upload" }),
    ]),
  );
  expect(batch.problems).toHaveLength(2);
  await expectStoredStudy(user, study, [3]);
});

it("stores an instance once: duplicates within one upload and across uploads are reported", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 2 }] });
  const zip = await buildZip({ ...asZipFiles(study), "copy/IM1.dcm": study.files[0]!.bytes });
  const first = await uploadBatch(user, [{ relativePath: "twice.zip", bytes: zip }]);
  expect(first.batch.counts).toEqual({ stored: 2, duplicate: 1, skipped: 0, failed: 0 });
  const second = await uploadBatch(user, [{ relativePath: "again.zip", bytes: await buildZip(asZipFiles(study)) }]);
  expect(second.batch.counts).toEqual({ stored: 0, duplicate: 2, skipped: 0, failed: 0 });
  await expectStoredStudy(user, study, [2]);
  expect(await usedBytes(user.uid)).toBe(sum(study.files));
});

it("gives two users who upload the same study each their own copy", async () => {
  const [alice, bob] = await Promise.all([createUploader("alice"), createUploader("bob")]);
  const study = buildStudy({ series: [{ instances: 2 }] });
  const zip = await buildZip(asZipFiles(study));
  const [a, b] = await Promise.all([uploadBatch(alice, [{ relativePath: "s.zip", bytes: zip }]), uploadBatch(bob, [{ relativePath: "s.zip", bytes: zip }])]);
  expect(a.batch.counts.stored).toBe(2);
  expect(b.batch.counts.stored).toBe(2);
  await expectStoredStudy(alice, study, [2]);
  await expectStoredStudy(bob, study, [2]);
});

it("refuses a zip bomb and still stores the good file beside it", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 1 }] });
  const zip = await buildZip({ "bomb.dcm": new Uint8Array(64 * 1024 * 1024), ...asZipFiles(study) });
  const { batch } = await uploadBatch(user, [{ relativePath: "bomb.zip", bytes: zip }]);
  expect(batch.counts).toEqual({ stored: 1, duplicate: 0, skipped: 0, failed: 1 });
  expect(batch.problems).toEqual([expect.objectContaining({ file: "bomb.zip/bomb.dcm", verdict: "failed", reason: "zip-bomb", detail: expect.stringMatching(/zip bomb/) })]);
  await expectStoredStudy(user, study, [1]);
});

it("stores a loose .dcm.gz as the DICOM it wraps and refuses a gzip bomb with its reason", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 1 }] });
  const { batch } = await uploadBatch(user, [
    { relativePath: "IM0001.dcm.gz", bytes: gzipSync(study.files[0]!.bytes) },
    { relativePath: "bomb.dcm.gz", bytes: gzipSync(new Uint8Array(64 * 1024 * 1024)) },
  ]);
  expect(batch.counts).toEqual({ stored: 1, duplicate: 0, skipped: 0, failed: 1 });
  expect(batch.problems).toEqual([expect.objectContaining({ file: "bomb.dcm.gz", verdict: "failed", reason: "zip-bomb", detail: expect.stringMatching(/zip bomb/) })]);
  // The archive holds the instance, not its wrapper: the study counts the unwrapped bytes.
  await expectStoredStudy(user, study, [1]);
  expect(await usedBytes(user.uid)).toBe(sum(study.files));
  await expectUploadsDeleted(user);
});

it("reports an encrypted entry and stores the rest", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 2 }] });
  const secret = buildStudy({ series: [{ instances: 1 }] });
  const zip = markEncrypted(await buildZip({ ...asZipFiles(study), "secret.dcm": secret.files[0]!.bytes }), "secret.dcm");
  const { batch } = await uploadBatch(user, [{ relativePath: "locked.zip", bytes: zip }]);
  expect(batch.counts).toEqual({ stored: 2, duplicate: 0, skipped: 0, failed: 1 });
  expect(batch.problems).toEqual([expect.objectContaining({ file: "locked.zip/secret.dcm", reason: "encrypted", detail: expect.stringMatching(/password/) })]);
  expect(await listStudyUIDs(user.uid)).toEqual([study.studyInstanceUID]);
});

it("stores what precedes the cut of a truncated archive and names what was lost", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 3 }] });
  const zip = await buildZip(asZipFiles(study), { compression: "STORE" });
  const cut = zip.subarray(0, entryDataOffset(zip, study.files[2]!.name) + 50);
  const { batch } = await uploadBatch(user, [{ relativePath: "cut.zip", bytes: cut }]);
  expect(batch.counts).toEqual({ stored: 2, duplicate: 0, skipped: 0, failed: 2 });
  expect(batch.problems.map((p) => [p.file, p.reason])).toEqual([
    [`cut.zip/${study.files[2]!.name}`, "truncated"],
    ["cut.zip", "truncated"],
  ]);
  const record = await readStudy(user.uid, study.studyInstanceUID);
  expect(record!.NumberOfStudyRelatedInstances).toBe(2);
});

it("skips non-DICOM files, DICOM without patient or study, and says why", async () => {
  const user = await createUploader();
  const noStudy = buildDicomFile(buildCtElements().filter((e) => e.tag !== "0020000D"), { pixelData: TINY_PIXEL_DATA });
  const noPatient = buildDicomFile(
    buildCtElements([{ tag: "00080016", vr: "UI", value: "1.2.840.10008.5.1.4.39.1" }]).filter((e) => !e.tag.startsWith("0010")),
  );
  const { batch } = await uploadBatch(user, [
    { relativePath: "notes.txt", bytes: new TextEncoder().encode("report: normal study\n") },
    { relativePath: "no-study.dcm", bytes: noStudy },
    { relativePath: "palette.dcm", bytes: noPatient },
  ]);
  expect(batch.counts).toEqual({ stored: 0, duplicate: 0, skipped: 3, failed: 0 });
  expect(batch.problems.map((p) => [p.file, p.verdict, p.reason]).sort()).toEqual([
    ["no-study.dcm", "skipped", "missing-uid"],
    ["notes.txt", "skipped", "not-dicom"],
    ["palette.dcm", "skipped", "no-patient"],
  ]);
  expect(await listStudyUIDs(user.uid)).toEqual([]);
  expect(await listObjects(`instances/${user.uid}/`, instancesBucket)).toEqual([]);
  await expectUploadsDeleted(user);
});

it("decodes names in a non-Latin character set", async () => {
  const user = await createUploader();
  const study = buildStudy({
    series: [{ instances: 1 }],
    patient: [
      { tag: "00100010", vr: "PN", value: new Uint8Array(Buffer.from("Иванов^Пётр", "utf8")) },
      { tag: "00081030", vr: "LO", value: new Uint8Array(Buffer.from("МРТ головы", "utf8")) },
    ],
    options: { specificCharacterSet: "ISO_IR 192" },
  });
  await uploadBatch(user, [{ relativePath: "ivanov.dcm", bytes: study.files[0]!.bytes }]);
  expect(await readStudy(user.uid, study.studyInstanceUID)).toMatchObject({ PatientName: "Иванов^Пётр", StudyDescription: "МРТ головы" });
});

it("refuses a batch that would exceed the quota before any byte is sent, and refuses instances past it", async () => {
  const user = await createUploader();
  const study = buildStudy({ series: [{ instances: 3 }] });
  const oneFile = study.files[0]!.bytes.length;
  const quotaBytes = Math.floor(oneFile * 2.5);
  await db.doc(`users/${user.uid}`).set({ quotaBytes }, { merge: true });
  const refused = await callApi(user, "/api/uploads", { files: [{ relativePath: "big.zip", size: oneFile * 3 }] });
  expect(refused.status).toBe(413);
  expect(refused.body.error).toMatch(/does not fit in your storage/);
  // A ZIP is announced by its compressed size; ingest holds the line on what it unpacks.
  const { batch } = await uploadBatch(user, [{ relativePath: "s.zip", bytes: await buildZip(asZipFiles(study)) }]);
  expect(batch.counts).toEqual({ stored: 2, duplicate: 0, skipped: 0, failed: 1 });
  expect(batch.problems).toEqual([expect.objectContaining({ reason: "quota", detail: expect.stringMatching(/storage quota/) })]);
  const stored = await readStudyInstances(user.uid, study.studyInstanceUID);
  expect(await usedBytes(user.uid)).toBe(stored.reduce((total, instance) => total + instance.byteLength, 0));
  expect(await usedBytes(user.uid)).toBeLessThanOrEqual(quotaBytes);
});
