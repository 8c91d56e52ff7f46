/**
 * Exactly once under redelivery. These call the ingest module directly on a
 * bucket no trigger watches, so that a test decides when a delivery happens
 * and where a "crash" strikes; the trigger wiring itself is covered by
 * ingest.test.ts.
 */
import { buildUploadPath } from "@pacs/shared";
import { ingestUploadedObject, type IngestEnvironment } from "../../functions/src/ingest/ingest-upload";
import { DEFAULT_INGEST_LIMITS } from "../../functions/src/ingest/limits";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { createUploader, db, storageClient, listObjects, readBatch, readStudy, readStudyInstances, usedBytes } from "../support/ingest-client";
import { projectId } from "../support/emulators";

// The Storage emulator creates a bucket on first write (it does not implement bucket creation).
const bucket = storageClient.bucket(`${projectId}-retry-tests`);
const instancesBucket = storageClient.bucket(`${projectId}-retry-tests-instances`);
const env: IngestEnvironment = { db, uploadsBucket: bucket, instancesBucket, limits: DEFAULT_INGEST_LIMITS, defaultQuotaBytes: 10_000_000_000, concurrency: 8, writeConcurrency: 4, maxBytesInFlight: 64 * 1024 * 1024 };

/** Everything ingest leaves behind for a user, to compare one delivery with several. */
async function snapshotState(uid: string, batchId: string, studyUID: string) {
  const batch = await readBatch(uid, batchId);
  const study = await readStudy(uid, studyUID);
  return {
    batch: batch && { ...batch, createdAt: undefined, updatedAt: undefined },
    study: study && { ...study, createdAt: undefined, updatedAt: undefined },
    instances: (await readStudyInstances(uid, studyUID)).map((i) => i.metadata.SOPInstanceUID).sort(),
    objects: await listObjects(`instances/${uid}/`, instancesBucket),
    uploads: await listObjects(`uploads/${uid}/`, bucket),
    usedBytes: await usedBytes(uid),
  };
}

async function putZip(uid: string, batchId: string, bytes: Buffer) {
  const name = buildUploadPath(uid, batchId, "f000001");
  await bucket.file(name).save(bytes, { resumable: false, metadata: { metadata: { relativePath: "study.zip" } } });
  return { name, size: bytes.length, metadata: { relativePath: "study.zip" } };
}

it("ends a redelivered event in the same state as one delivery", async () => {
  const once = await createUploader("once");
  const twice = await createUploader("twice");
  const study = buildStudy({ series: [{ instances: 4 }, { instances: 2 }] });
  const zip = await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes])));

  const single = await putZip(once.uid, "batch-single", zip);
  await expect(ingestUploadedObject(env, single)).resolves.toBe("ingested");

  const repeated = await putZip(twice.uid, "batch-single", zip);
  await expect(ingestUploadedObject(env, repeated)).resolves.toBe("ingested");
  // The second delivery finds the upload accounted for (and already deleted).
  await expect(ingestUploadedObject(env, repeated)).resolves.toBe("already-ingested");

  const expected = await snapshotState(once.uid, "batch-single", study.studyInstanceUID);
  expect(expected.batch).toMatchObject({ status: "done", counts: { stored: 6, duplicate: 0, skipped: 0, failed: 0 } });
  expect(expected.uploads).toEqual([]);
  const actual = await snapshotState(twice.uid, "batch-single", study.studyInstanceUID);
  expect({ ...actual, objects: actual.objects.map((o) => o.replace(twice.uid, "<uid>")) }).toEqual({
    ...expected,
    objects: expected.objects.map((o) => o.replace(once.uid, "<uid>")),
  });
});

it("finishes after a crash part-way with the same state as an uninterrupted run", async () => {
  const calm = await createUploader("calm");
  const crashed = await createUploader("crashed");
  const study = buildStudy({ series: [{ instances: 6 }] });
  const zip = await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes])));

  await ingestUploadedObject(env, await putZip(calm.uid, "batch-crash", zip));

  const upload = await putZip(crashed.uid, "batch-crash", zip);
  const crashing: IngestEnvironment = {
    ...env,
    afterStore: (stored) => {
      if (stored === 3) throw new Error("simulated crash after 3 instances");
    },
  };
  await expect(ingestUploadedObject(crashing, upload)).rejects.toThrow("simulated crash");
  // Kept for the retry: nothing was recorded as done.
  expect(await listObjects(`uploads/${crashed.uid}/`, bucket)).toEqual([upload.name]);
  await expect(ingestUploadedObject(env, upload)).resolves.toBe("ingested");

  const expected = await snapshotState(calm.uid, "batch-crash", study.studyInstanceUID);
  const actual = await snapshotState(crashed.uid, "batch-crash", study.studyInstanceUID);
  expect(actual.batch).toEqual(expected.batch);
  expect(actual.study).toEqual(expected.study);
  expect(actual.instances).toEqual(expected.instances);
  expect(actual.usedBytes).toBe(expected.usedBytes);
  expect(actual.objects.length).toBe(6);
  expect(actual.uploads).toEqual([]);
});
