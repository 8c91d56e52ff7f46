import { MAX_INSTANCES_PER_CHUNK, StudyRecord, type InstanceChunk } from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { assertAccountLive } from "../privacy/account-tombstone";
import { parseSnapshot } from "./firestore-data";
import type { UserRefs } from "./refs";
import { applyContribution, chunkInstances, type StudyContribution } from "./study-contribution";

/** Chunk documents written at once: each is up to ~250 KB, and a commit carries at most 10 MiB. */
const CHUNKS_PER_COMMIT = 8;

/**
 * Records what one uploaded file added to one study. The instance chunks are
 * plain overwrites with ids derived from the upload, so writing them twice is
 * harmless. Counts are not: they change only in a transaction that also
 * creates the file's marker under the study, so a redelivered ingest counts
 * nothing twice. The bytes were reserved in `usedBytes` when each instance
 * was claimed (claim-batcher.ts), so they are not added here.
 */
export async function commitStudy(db: Firestore, refs: UserRefs, sourceKey: string, contribution: StudyContribution, now: Date): Promise<void> {
  const studyUID = contribution.study.StudyInstanceUID;
  const chunks = chunkInstances(contribution, MAX_INSTANCES_PER_CHUNK);
  for (let i = 0; i < chunks.length; i += CHUNKS_PER_COMMIT) {
    const batch = db.batch();
    chunks.slice(i, i + CHUNKS_PER_COMMIT).forEach((instances, j) => {
      const chunk: InstanceChunk = { StudyInstanceUID: studyUID, instances };
      batch.set(refs.instanceChunk(studyUID, `${sourceKey}~${i + j}`), chunk);
    });
    await batch.commit();
  }
  await db.runTransaction(async (tx) => {
    // The study written below would land under users/{uid} of an account erased meanwhile.
    await assertAccountLive(tx, db, refs.user.id);
    const [marker, study] = await tx.getAll(refs.studySource(studyUID, sourceKey), refs.study(studyUID));
    if (marker!.exists) return;
    const existing = study!.exists ? parseSnapshot(StudyRecord, study!) : undefined;
    tx.set(refs.study(studyUID), applyContribution(existing, contribution, now));
    tx.set(marker!.ref, { instances: contribution.instances.length, bytes: contribution.bytes, committedAt: now });
  });
}
