/**
 * Large archives in parallel (functions/src/ingest/fanout/, docs/ingest.md):
 * an archive split into parts, one task each, must end in exactly the state
 * one run over the whole archive leaves, also when a part crashes and its
 * task is retried. Like ingest-retry.test.ts, these call the modules directly
 * on buckets no trigger watches, and play the task queue themselves, so that
 * a test decides when each task runs and where a crash strikes.
 */
import { buildUploadPath } from "@pacs/shared";
import { FieldValue } from "firebase-admin/firestore";
import { ingestUploadedObject, type IngestEnvironment } from "../../functions/src/ingest/ingest-upload";
import { ingestArchiveRange } from "../../functions/src/ingest/fanout/ingest-range";
import type { RangeTask } from "../../functions/src/ingest/fanout/archive-record";
import { DEFAULT_INGEST_LIMITS } from "../../functions/src/ingest/limits";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy, type BuiltStudy } from "../../functions/src/ingest/testing/build-study";
import { buildDicomdir } from "../../functions/src/ingest/testing/build-dicomdir";
import { createUploader, db, storageClient, listObjects, readBatch, readStudy, readStudyInstances, usedBytes } from "../support/ingest-client";
import { projectId } from "../support/emulators";

const bucket = storageClient.bucket(`${projectId}-fanout-tests`);
const instancesBucket = storageClient.bucket(`${projectId}-fanout-tests-instances`);
const sequential: IngestEnvironment = {
  db,
  uploadsBucket: bucket,
  instancesBucket,
  limits: DEFAULT_INGEST_LIMITS,
  defaultQuotaBytes: 10_000_000_000,
  concurrency: 8,
  writeConcurrency: 4,
  maxBytesInFlight: 64 * 1024 * 1024,
};

/** The fan-out settings, with parts of 8 entries, and a queue the test empties itself. */
function fanoutEnvironment(): { env: IngestEnvironment; queued: RangeTask[] } {
  const queued: RangeTask[] = [];
  const env: IngestEnvironment = {
    ...sequential,
    fanout: { ranges: { maxEntries: 8, maxBytes: 1024 * 1024 * 1024 }, minArchiveBytes: 0, enqueue: async (task) => void queued.push(task) },
  };
  return { env, queued };
}

/**
 * 31 entries, 4 parts: two studies (one of two series), a file that is not
 * DICOM, and a DICOMDIR in the last part listing files of every part and one
 * that is absent, so that the DICOMDIR check spans the parts.
 */
async function buildArchive(): Promise<{ zip: Buffer; studies: BuiltStudy[] }> {
  const a = buildStudy({ series: [{ instances: 12 }, { instances: 8, modality: "MR" }], folder: "CD/A" });
  const b = buildStudy({ series: [{ instances: 9 }], folder: "CD/B" });
  const files: Record<string, Uint8Array | string> = {};
  for (const file of [...a.files, ...b.files]) files[file.name] = file.bytes;
  files["CD/README.TXT"] = "not an image";
  const listed = [...a.files, ...b.files].map((file) => ({ path: file.name.split("/").slice(1), sopInstanceUID: file.sopInstanceUID }));
  files["CD/DICOMDIR"] = buildDicomdir([...listed, { path: ["A", "S9", "IM0001.dcm"], sopInstanceUID: "1.2.826.0.1.3680043.10.99.1" }]);
  return { zip: await buildZip(files), studies: [a, b] };
}

async function putZip(uid: string, zip: Buffer) {
  const name = buildUploadPath(uid, "batch-fanout", "f000001");
  await bucket.file(name).save(zip, { resumable: false, metadata: { metadata: { relativePath: "study.zip" } } });
  const [metadata] = await bucket.file(name).getMetadata();
  return { name, size: zip.length, metadata: { relativePath: "study.zip" }, generation: metadata.generation };
}

/**
 * Everything ingest leaves for a user, with only what legitimately differs
 * between one run and parts normalised: timestamps, the user's id in paths,
 * the claims' source keys (which part stored an instance), and how instances
 * are grouped into chunk and `sources` documents (compared as totals).
 */
async function snapshotState(uid: string, studies: BuiltStudy[]) {
  const batch = await readBatch(uid, "batch-fanout");
  const perStudy = [];
  for (const { studyInstanceUID } of studies) {
    const study = await readStudy(uid, studyInstanceUID);
    const instances = (await readStudyInstances(uid, studyInstanceUID)).sort((x, y) => x.metadata.SOPInstanceUID.localeCompare(y.metadata.SOPInstanceUID));
    const sources = await db.collection(`users/${uid}/studies/${studyInstanceUID}/sources`).get();
    perStudy.push({
      study: study && { ...study, createdAt: undefined, updatedAt: undefined },
      instances,
      counted: sources.docs.reduce((sum, doc) => ({ instances: sum.instances + doc.get("instances"), bytes: sum.bytes + doc.get("bytes") }), { instances: 0, bytes: 0 }),
    });
  }
  const claims = await db.collection(`users/${uid}/instances`).get();
  return {
    batch: batch && { ...batch, createdAt: undefined, updatedAt: undefined, studyInstanceUIDs: [...batch.studyInstanceUIDs].sort() },
    studies: perStudy,
    claims: claims.docs.map((doc) => ({ id: doc.id, ...doc.data(), sourceKey: undefined, claimedAt: undefined })).sort((x, y) => x.id.localeCompare(y.id)),
    objects: (await listObjects(`instances/${uid}/`, instancesBucket)).map((name) => name.replace(uid, "<uid>")),
    uploads: await listObjects(`uploads/${uid}/`, bucket),
    usedBytes: await usedBytes(uid),
  };
}

/** One run over the whole archive: what every fan-out must end in. */
async function ingestSequentially(zip: Buffer, studies: BuiltStudy[]) {
  const user = await createUploader("fanout-sequential");
  await expect(ingestUploadedObject(sequential, await putZip(user.uid, zip))).resolves.toBe("ingested");
  return snapshotState(user.uid, studies);
}

it("ingests a multi-part archive in parallel tasks into exactly the state of one sequential run", async () => {
  const { zip, studies } = await buildArchive();
  const expected = await ingestSequentially(zip, studies);
  expect(expected.batch).toMatchObject({ status: "done", counts: { stored: 29, duplicate: 0, skipped: 2, failed: 0 }, dicomdirMissing: 1, inProgress: {} });

  const user = await createUploader("fanout-parallel");
  const { env, queued } = fanoutEnvironment();
  await expect(ingestUploadedObject(env, await putZip(user.uid, zip))).resolves.toBe("fanned-out");
  expect(queued.map((task) => task.index)).toEqual([0, 1, 2, 3]);
  // All parts at once, as the queue dispatches them: exactly one of them finishes the archive.
  const results = await Promise.all(queued.map((task) => ingestArchiveRange(env, task)));
  expect(results).toEqual(["ingested", "ingested", "ingested", "ingested"]);

  expect(await snapshotState(user.uid, studies)).toEqual(expected);
  // A task delivered again after the end changes nothing.
  await expect(ingestArchiveRange(env, queued[2]!)).resolves.toBe("already-ingested");
  expect(await snapshotState(user.uid, studies)).toEqual(expected);
  // Nor does a finisher run again, as after a crash before it marked the archive finished.
  await db.doc(`users/${user.uid}/uploads/batch-fanout/archives/f000001`).update({ finishedAt: FieldValue.delete() });
  await expect(ingestArchiveRange(env, queued[0]!)).resolves.toBe("already-ingested");
  expect(await snapshotState(user.uid, studies)).toEqual(expected);
}, 120_000);

it("converges to the same state when a part crashes part-way and its task is retried", async () => {
  const { zip, studies } = await buildArchive();
  const expected = await ingestSequentially(zip, studies);

  const user = await createUploader("fanout-crash");
  const { env, queued } = fanoutEnvironment();
  await ingestUploadedObject(env, await putZip(user.uid, zip));
  const crashing: IngestEnvironment = {
    ...env,
    afterStore: (stored) => {
      if (stored === 3) throw new Error("simulated crash after 3 instances of part 2");
    },
  };
  const [first, second, ...rest] = queued;
  await expect(ingestArchiveRange(crashing, second!)).rejects.toThrow("simulated crash");
  await Promise.all([first!, ...rest].map((task) => ingestArchiveRange(env, task)));
  // Three parts done, one crashed: the archive is not finished, and the upload is kept for the retry.
  expect((await readBatch(user.uid, "batch-fanout"))?.status).not.toBe("done");
  expect(await listObjects(`uploads/${user.uid}/`, bucket)).toHaveLength(1);

  // The queue retries the crashed part; it is the last, so it finishes the archive.
  await expect(ingestArchiveRange(env, second!)).resolves.toBe("ingested");
  expect(await snapshotState(user.uid, studies)).toEqual(expected);
}, 120_000);

it("converges when a part's task dies after counting its studies and before recording the part", async () => {
  const { zip, studies } = await buildArchive();
  const expected = await ingestSequentially(zip, studies);

  const user = await createUploader("fanout-late-crash");
  const { env, queued } = fanoutEnvironment();
  await ingestUploadedObject(env, await putZip(user.uid, zip));
  await expect(ingestArchiveRange(env, queued[1]!)).resolves.toBe("ingested");
  // What that task leaves if it dies between its studies' commit and its part's record:
  // instances, chunks and counted studies, but no part document and no "done" for it.
  const archive = db.doc(`users/${user.uid}/uploads/batch-fanout/archives/f000001`);
  await archive.collection("ranges").doc("0001").delete();
  await archive.update({ rangesDone: FieldValue.increment(-1) });

  // Redelivered, with the other parts running at the same time.
  await Promise.all(queued.map((task) => ingestArchiveRange(env, task)));
  expect(await snapshotState(user.uid, studies)).toEqual(expected);
}, 120_000);
