import type { Firestore } from "firebase-admin/firestore";
import { saveDeferredReferences } from "../dicomdir-references";
import { parseSnapshot } from "../firestore-data";
import type { FileOutcome } from "../ingest-items";
import type { UserRefs } from "../refs";
import { ArchiveFanout, rangeProgressKey, type ArchivePart, type RangeTask } from "./archive-record";
import { keepProblems } from "./merge-parts";

/** Ids of the chunk documents (dicomdirReferences) that hold one part's names for the archive's DICOMDIR check. */
export function presentChunksKey(task: RangeTask): string {
  return `${rangeProgressKey(task.fileId, task.index)}~present`;
}
export function dicomdirChunksKey(task: RangeTask, n: number): string {
  return `${rangeProgressKey(task.fileId, task.index)}~dicomdir${n}`;
}

/**
 * Records what one part came to, exactly once: its document is created in
 * the same transaction that raises the plan's `rangesDone`. The names that
 * arrived and any DICOMDIR's list go to chunk documents first (ids derived
 * from the part, so a retry overwrites them), for the check over the whole
 * archive at the end.
 * @returns whether the archive is complete and not yet finished: the caller
 * finishes it. Exactly one part's first record sees that; a retry after a
 * crash in the finisher sees it again, and finishing is safe to repeat.
 */
export async function recordRange(db: Firestore, refs: UserRefs, task: RangeTask, outcome: FileOutcome, now: Date): Promise<boolean> {
  const { present, found } = outcome.dicomdirs.describe();
  const presentChunks = await saveDeferredReferences(db, refs, task.batchId, presentChunksKey(task), present);
  const dicomdirs = [];
  for (const [n, dicomdir] of found.entries()) {
    dicomdirs.push({ name: dicomdir.name, chunks: await saveDeferredReferences(db, refs, task.batchId, dicomdirChunksKey(task, n), dicomdir.references) });
  }
  const part: ArchivePart = {
    counts: outcome.counts,
    ...keepProblems(outcome.problems),
    studyInstanceUIDs: [...outcome.studies.keys()],
    bytes: [...outcome.studies.values()].reduce((sum, study) => sum + study.bytes, 0),
    presentChunks,
    dicomdirs,
    completedAt: now,
  };
  return db.runTransaction(async (tx) => {
    const archiveRef = refs.archive(task.batchId, task.fileId);
    const [archive, marker] = await tx.getAll(archiveRef, refs.archiveRange(task.batchId, task.fileId, task.index));
    const plan = parseSnapshot(ArchiveFanout, archive!);
    if (marker!.exists) return isUnfinished(plan, plan.rangesDone);
    tx.create(marker!.ref, part);
    tx.update(archiveRef, { rangesDone: plan.rangesDone + 1 });
    return isUnfinished(plan, plan.rangesDone + 1);
  });
}

function isUnfinished(plan: ArchiveFanout, rangesDone: number): boolean {
  return rangesDone >= plan.ranges.length && !plan.finishedAt;
}
