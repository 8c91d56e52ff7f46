/**
 * Child-process harness for memory.test.ts: prepares one de-identified
 * link's copies of a study of large CT slices through the real task
 * (prepareDeidentifiedCopies: read each original, de-identify it, read the
 * copy back, write it), over Firestore and the instances bucket in memory,
 * then prints its peak resident set (VmHWM). With "idle" it only loads the
 * same modules and prints that peak: the baseline of the runtime itself.
 * Usage: node -r register-ts.js measure-prepare.ts <instances> <rows> <columns> | idle
 */
import { DeidentificationOptions, ShareLinkRecord, StudyRecord, type StoredInstance } from "@pacs/shared";
import { readFile } from "node:fs/promises";
import { readInstanceMetadata } from "../../ingest/read-instance";
import { userRefs } from "../../ingest/refs";
import { shareRefs } from "../../shares/share-refs";
import { DeidentifiedShareRecord, deidentifiedShareRefs, encodeKey } from "../deidentified-share-refs";
import { prepareDeidentifiedCopies } from "../prepare-copies";
import { buildLargeCtStudy, largeCtStudyBucket, type LargeCtStudy } from "./large-ct-study";
import { memoryFirestore } from "./memory-firestore";

const ownerUid = "owner-memory";
const linkId = "link-memory";
const DAY = 24 * 60 * 60 * 1000;

async function readPeakBytes(): Promise<number> {
  const status = await readFile("/proc/self/status", "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]) * 1024;
}

/** The owner's study record, its instance chunk, the link "preparing" and its server-only record, as start-share.ts leaves them. */
async function seedLink(db: ReturnType<typeof memoryFirestore>["db"], study: LargeCtStudy): Promise<void> {
  const now = new Date();
  const first = study.buildOriginal(0);
  const read = readInstanceMetadata(first, "0.dcm");
  const n = study.SOPInstanceUIDs.length;
  const instances: StoredInstance[] = study.SOPInstanceUIDs.map((SOPInstanceUID) => ({ metadata: { ...read.instance, SOPInstanceUID }, byteLength: first.length }));
  const users = userRefs(db, ownerUid);
  await users.instanceChunk(study.StudyInstanceUID, "upload-1-0000").set({ StudyInstanceUID: study.StudyInstanceUID, instances });
  const record: StudyRecord = StudyRecord.parse({
    ...read.study,
    ModalitiesInStudy: ["CT"],
    NumberOfStudyRelatedSeries: 1,
    NumberOfStudyRelatedInstances: n,
    totalBytes: n * first.length,
    series: [{ ...read.series, NumberOfSeriesRelatedInstances: n }],
    createdAt: now,
    updatedAt: now,
  });
  await users.study(study.StudyInstanceUID).set(record);
  const expiresAt = new Date(now.getTime() + DAY);
  const link: ShareLinkRecord = ShareLinkRecord.parse({
    linkId,
    StudyInstanceUID: study.StudyInstanceUID,
    studyTitle: "CT HEAD",
    label: null,
    createdAt: now,
    expiresAt,
    revokedAt: null,
    maxViews: null,
    views: 0,
    lastAccessAt: null,
    allowDownload: false,
    pinProtected: false,
    pinLockedUntil: null,
    purgeAt: new Date(expiresAt.getTime() + DAY),
    deidentification: {
      pseudonym: "Case 1",
      options: DeidentificationOptions.parse({}),
      includeBurnedInText: false,
      status: "preparing",
      total: n,
      done: 0,
      leftOut: [],
      bytes: 0,
      error: null,
    },
  });
  await shareRefs(db).link(ownerUid, linkId).set(link);
  const share: DeidentifiedShareRecord = { ownerUid, linkId, StudyInstanceUID: study.StudyInstanceUID, key: encodeKey(new Uint8Array(32).fill(7)), createdAt: now, expiresAt, study: null, chunks: 0 };
  await deidentifiedShareRefs(db).share(linkId).set(share);
}

async function main([instances, rows, columns]: string[]): Promise<void> {
  if (instances === "idle") return void process.stdout.write(JSON.stringify({ peakBytes: await readPeakBytes() }));
  const study = buildLargeCtStudy(Number(instances), { rows: Number(rows), columns: Number(columns) });
  const { db, documents } = memoryFirestore();
  const { bucket, saved } = largeCtStudyBucket(study, ownerUid);
  await seedLink(db, study);
  const result = await prepareDeidentifiedCopies({ db, instancesBucket: () => bucket }, ownerUid, linkId);
  const link = documents.get(shareRefs(db).link(ownerUid, linkId).path) as ShareLinkRecord;
  const peakBytes = await readPeakBytes();
  process.stdout.write(JSON.stringify({ peakBytes, result, status: link.deidentification?.status, copies: saved.size, copiedBytes: [...saved.values()].reduce((a, b) => a + b, 0) }));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
