import { buildInstancePath, buildRenditionPath, buildViewableCopyPath, EMPTY_VERDICT_COUNTS } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import { FieldPath, FieldValue, type Firestore, type QueryDocumentSnapshot } from "firebase-admin/firestore";
import { completeFile, finishBatch } from "./batch-record";
import { DicomdirCheck } from "./dicomdir-check";
import type { FileOutcome } from "./ingest-items";
import type { UserRefs } from "./refs";

/** Claims released per transaction: each is a read and a delete, far below a transaction's 500 writes. */
const RELEASE_GROUP = 100;

export interface GiveUpTarget {
  db: Firestore;
  instancesBucket: Bucket;
  refs: UserRefs;
  uid: string;
  batchId: string;
  fileId: string;
  /** The name the user knows the file by. */
  name: string;
}

/**
 * Sets aside a file the ingest cannot finish (attempts.ts): its batch gets a
 * `failed` verdict with the reason, so the batch finishes and the user is
 * told. What its crashed runs left half done is undone first — stored
 * objects, claims, reserved bytes and instance chunks of studies it never
 * counted — so that nothing invisible is kept, charged, or makes a later
 * upload of the same instances a "duplicate". A study it did count (a crash
 * after that study's commit) is complete and stays.
 */
export async function giveUpFile(target: GiveUpTarget, detail: string, now: Date): Promise<void> {
  const sourceKey = `${target.batchId}~${target.fileId}`;
  await undoUncountedInstances(target, sourceKey);
  const outcome: FileOutcome = {
    counts: { ...EMPTY_VERDICT_COUNTS, failed: 1 },
    problems: [{ file: target.name, verdict: "failed", reason: "ingest-crashed", detail }],
    studies: new Map(),
    dicomdirs: new DicomdirCheck(),
  };
  if (await completeFile(target.db, target.refs, target.batchId, target.fileId, target.name, outcome, now)) {
    await finishBatch(target.db, target.refs, target.batchId, now);
  }
}

/** Undoes what crashed runs of `sourceKey` (a file, or one part of an archive) stored but never counted. */
export async function undoUncountedInstances(target: GiveUpTarget, sourceKey: string): Promise<void> {
  const { refs } = target;
  // Claim keys are `${sourceKey}/${order}`: "0" is the character after "/".
  const claims = await refs.user.collection("instances").where("sourceKey", ">=", `${sourceKey}/`).where("sourceKey", "<", `${sourceKey}0`).get();
  const counted = new Map<string, boolean>();
  const isCounted = async (studyUID: string) => {
    if (!counted.has(studyUID)) counted.set(studyUID, (await refs.studySource(studyUID, sourceKey).get()).exists);
    return counted.get(studyUID)!;
  };
  const uncounted: QueryDocumentSnapshot[] = [];
  for (const claim of claims.docs) if (!(await isCounted(String(claim.get("StudyInstanceUID"))))) uncounted.push(claim);
  for (const claim of uncounted) await deleteStoredObjects(target, claim);
  for (let i = 0; i < uncounted.length; i += RELEASE_GROUP) await releaseClaims(target.db, refs, uncounted.slice(i, i + RELEASE_GROUP));
  for (const [studyUID, wasCounted] of counted) if (!wasCounted) await deleteChunks(target.db, refs, studyUID, sourceKey);
}

async function deleteStoredObjects(target: GiveUpTarget, claim: QueryDocumentSnapshot): Promise<void> {
  const study = String(claim.get("StudyInstanceUID"));
  const series = String(claim.get("SeriesInstanceUID"));
  const paths = [
    buildInstancePath(target.uid, study, series, claim.id),
    buildViewableCopyPath(target.uid, study, series, claim.id),
    buildRenditionPath(target.uid, study, series, claim.id, "pdf"),
    buildRenditionPath(target.uid, study, series, claim.id, "sr.json"),
  ];
  await Promise.all(paths.map((path) => target.instancesBucket.file(path).delete({ ignoreNotFound: true })));
}

/** Deletes claims and hands their reserved bytes back, exactly once: a claim already gone is not subtracted again. */
async function releaseClaims(db: Firestore, refs: UserRefs, claims: QueryDocumentSnapshot[]): Promise<void> {
  await db.runTransaction(async (tx) => {
    const current = await tx.getAll(...claims.map((claim) => claim.ref));
    let released = 0;
    current.forEach((snapshot, i) => {
      if (!snapshot.exists || snapshot.get("sourceKey") !== claims[i]!.get("sourceKey")) return;
      released += Number(snapshot.get("byteLength") ?? 0);
      tx.delete(snapshot.ref);
    });
    if (released > 0) tx.update(refs.user, { usedBytes: FieldValue.increment(-released) });
  });
}

/** Chunks are written before the study is counted (commit-study.ts); uncounted, they would show in the viewer. */
async function deleteChunks(db: Firestore, refs: UserRefs, studyUID: string, sourceKey: string): Promise<void> {
  const chunks = refs.study(studyUID).collection("instanceChunks");
  // Chunk ids are `${sourceKey}~${n}`: DEL (\x7f) is the character after "~".
  const found = await chunks.where(FieldPath.documentId(), ">=", `${sourceKey}~`).where(FieldPath.documentId(), "<", `${sourceKey}\x7f`).get();
  const writer = db.bulkWriter();
  for (const doc of found.docs) void writer.delete(doc.ref);
  await writer.close();
}
