/**
 * Attacks on the ingest's bookkeeping: parallel uploads against the quota, a
 * file that crashes every run, and a DICOMDIR too big for one document. Like
 * ingest-retry.test.ts these call the ingest module directly on a bucket no
 * trigger watches, so that the test decides when each delivery happens.
 */
import { buildUploadPath } from "@pacs/shared";
import { newBatch } from "../../functions/src/ingest/batch-record";
import { ingestUploadedObject, type FinalizedObject, type IngestEnvironment } from "../../functions/src/ingest/ingest-upload";
import { DEFAULT_INGEST_LIMITS } from "../../functions/src/ingest/limits";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildDicomdir } from "../../functions/src/ingest/testing/build-dicomdir";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { createUploader, db, listObjects, readBatch, storageClient, usedBytes } from "../support/ingest-client";
import { projectId } from "../support/emulators";

const bucket = storageClient.bucket(`${projectId}-integrity-tests`);
const instancesBucket = storageClient.bucket(`${projectId}-integrity-tests-instances`);
const env: IngestEnvironment = { db, uploadsBucket: bucket, instancesBucket, limits: DEFAULT_INGEST_LIMITS, defaultQuotaBytes: 10_000_000_000, concurrency: 8, writeConcurrency: 4, maxBytesInFlight: 64 * 1024 * 1024 };

/** Puts one upload where the browser would and describes it as the Storage trigger does (generation included). */
async function putUpload(uid: string, batchId: string, fileId: string, relativePath: string, bytes: Uint8Array): Promise<FinalizedObject> {
  const name = buildUploadPath(uid, batchId, fileId);
  const file = bucket.file(name);
  await file.save(Buffer.from(bytes), { resumable: false, metadata: { metadata: { relativePath } } });
  const [metadata] = await file.getMetadata();
  return { name, size: bytes.length, metadata: { relativePath }, generation: String(metadata.generation) };
}

/** The batch the browser announces (`POST /api/uploads`) and seals, written directly. */
async function announceSealedBatch(uid: string, batchId: string, files: number) {
  await db.doc(`users/${uid}/uploads/${batchId}`).create(newBatch({ declaredFiles: files, declaredBytes: 0, uploadedFiles: files }, new Date()));
}

it("parallel uploads near the quota cannot store more than the quota, and the refused ones say why", async () => {
  const user = await createUploader("quota-race");
  const study = buildStudy({ series: [{ instances: 6 }] });
  const size = study.files[0]!.bytes.length;
  const quotaBytes = Math.floor(size * 2.5);
  await db.doc(`users/${user.uid}`).set({ quotaBytes }, { merge: true });

  // Six files, each its own batch, delivered at the same moment: each run used to read usedBytes = 0.
  const objects = await Promise.all(study.files.map((file, i) => putUpload(user.uid, `quota-race-${i}`, "f000001", file.name, file.bytes)));
  await Promise.all(objects.map((object) => ingestUploadedObject(env, object)));

  expect(await usedBytes(user.uid)).toBeLessThanOrEqual(quotaBytes);
  const batches = await Promise.all(objects.map((_, i) => readBatch(user.uid, `quota-race-${i}`)));
  expect(batches.map((batch) => batch!.counts.stored).reduce((a, b) => a + b, 0)).toBe(2);
  expect(await usedBytes(user.uid)).toBe(2 * size);
  const refusals = batches.flatMap((batch) => batch!.problems);
  expect(refusals).toHaveLength(4);
  for (const refusal of refusals) {
    expect(refusal).toMatchObject({ verdict: "failed", reason: "quota" });
    // The numbers: what the file needs, what is left, of how much.
    expect(refusal.detail).toMatch(/needs [\d.]+ [kMG]?B, [\d.]+ [kMG]?B of [\d.]+ [kMG]?B left/);
  }
});

it("a file that crashes the ingest on every delivery is given up after 3 attempts, and its batch finishes", async () => {
  const user = await createUploader("poison-batch");
  const study = buildStudy({ series: [{ instances: 3 }] });
  const zip = await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes])));
  await announceSealedBatch(user.uid, "poison-batch", 1);
  const object = await putUpload(user.uid, "poison-batch", "f000001", "poison.zip", zip);
  // The injected fault strikes after the first instance is claimed and stored, so that there is a partial state to undo.
  const poisoned: IngestEnvironment = {
    ...env,
    afterStore: () => {
      throw new Error("simulated decoder crash");
    },
  };

  await expect(ingestUploadedObject(poisoned, object)).rejects.toThrow("simulated decoder crash");
  await expect(ingestUploadedObject(poisoned, object)).rejects.toThrow("simulated decoder crash");
  // The third failure is the last: the file is recorded as failed instead of being redelivered for days.
  await expect(ingestUploadedObject(poisoned, object)).resolves.toBe("failed");

  const batch = await readBatch(user.uid, "poison-batch");
  expect(batch).toMatchObject({ status: "done", filesProcessed: 1, counts: { stored: 0, duplicate: 0, skipped: 0, failed: 1 }, inProgress: {} });
  expect(batch!.problems).toEqual([
    expect.objectContaining({ file: "poison.zip", verdict: "failed", reason: "ingest-crashed", detail: expect.stringMatching(/3 times.*simulated decoder crash/) }),
  ]);
  // Nothing of the crashed runs is left: no bytes counted, no stored objects, no upload.
  expect(await usedBytes(user.uid)).toBe(0);
  expect(await listObjects(`instances/${user.uid}/`, instancesBucket)).toEqual([]);
  expect(await listObjects(`uploads/${user.uid}/`, bucket)).toEqual([]);
  // A redelivery after the verdict changes nothing.
  await expect(ingestUploadedObject(poisoned, object)).resolves.toBe("already-ingested");

  // The instances were never stored for good, so uploading them again stores them, not "duplicate".
  const again = await putUpload(user.uid, "again-batch", "f000001", "again.zip", zip);
  await ingestUploadedObject(env, again);
  expect((await readBatch(user.uid, "again-batch"))!.counts).toEqual({ stored: 3, duplicate: 0, skipped: 0, failed: 0 });
  expect(await usedBytes(user.uid)).toBe(study.files.reduce((sum, f) => sum + f.bytes.length, 0));
});

it("a file whose runs are killed without a word (out of memory) is set aside at its next delivery", async () => {
  const user = await createUploader("killed");
  const study = buildStudy({ series: [{ instances: 1 }] });
  await announceSealedBatch(user.uid, "killed-batch", 1);
  const object = await putUpload(user.uid, "killed-batch", "f000001", "IM1.dcm", study.files[0]!.bytes);
  // What three runs killed mid-way leave behind: each counted its delivery first, none could record an error.
  await db.doc(`users/${user.uid}/uploads/killed-batch/attempts/f000001~${object.generation}`).set({ attempts: 3, updatedAt: new Date() });

  await expect(ingestUploadedObject(env, object)).resolves.toBe("failed");
  const batch = await readBatch(user.uid, "killed-batch");
  expect(batch).toMatchObject({ status: "done", counts: { stored: 0, duplicate: 0, skipped: 0, failed: 1 } });
  expect(batch!.problems).toEqual([expect.objectContaining({ file: "IM1.dcm", reason: "ingest-crashed", detail: expect.stringMatching(/stopped 3 times.*memory or time/) })]);
  expect(await listObjects(`uploads/${user.uid}/`, bucket)).toEqual([]);
});

it("a DICOMDIR listing 100,000 files does not stop its batch from finishing", async () => {
  const user = await createUploader("dicomdir");
  const study = buildStudy({ series: [{ instances: 1 }] });
  const listed = Array.from({ length: 100_000 }, (_, i) => ({ path: ["DICOM", "ST000001", "SE000001", `IM${String(i).padStart(6, "0")}`], sopInstanceUID: `1.2.826.0.1.3680043.10.9.7.${i}` }));
  const dicomdir = buildDicomdir(listed);
  await announceSealedBatch(user.uid, "huge-dicomdir-batch", 2);
  const objects = [
    await putUpload(user.uid, "huge-dicomdir-batch", "f000001", "CD/DICOMDIR", dicomdir),
    // The first file the DICOMDIR lists is present; the other 99,999 are not.
    await putUpload(user.uid, "huge-dicomdir-batch", "f000002", "CD/DICOM/ST000001/SE000001/IM000000", study.files[0]!.bytes),
  ];
  for (const object of objects) await ingestUploadedObject(env, object);

  const batch = await readBatch(user.uid, "huge-dicomdir-batch");
  expect(batch).toMatchObject({ status: "done", filesProcessed: 2, counts: { stored: 1, duplicate: 0, skipped: 1, failed: 0 }, dicomdirMissing: 99_999 });
  expect(batch!.problems[0]).toMatchObject({ file: "CD/DICOMDIR", reason: "dicomdir" });
  expect(batch!.problems[1]).toMatchObject({ file: "CD/DICOM/ST000001/SE000001/IM000001", reason: "missing-from-upload" });
  expect(batch!.problems.length + batch!.problemsOmitted).toBe(1 + 99_999);
}, 600_000);
