import type { UploadProblem } from "@pacs/shared";
import { completeFileSummary, finishBatch } from "../batch-record";
import { findMissing } from "../dicomdir-check";
import { readDeferredReferences } from "../dicomdir-references";
import { parseSnapshot } from "../firestore-data";
import { refreshThumbnailQuietly, type TargetSettings } from "../ingest-target";
import type { UserRefs } from "../refs";
import type { Bucket } from "@google-cloud/storage";
import { ArchiveFanout, ArchivePart, rangeProgressKey, type RangeTask } from "./archive-record";
import { mergeParts } from "./merge-parts";
import { dicomdirChunksKey, presentChunksKey } from "./record-range";

export interface FinishTarget extends TargetSettings {
  uploadsBucket: Bucket;
}

/**
 * The end of a large archive, once all its parts are recorded: the
 * DICOMDIR check over the whole archive, the studies' thumbnails, the
 * archive's verdicts added to its batch (through the file's own marker,
 * exactly once, as a single run does), the batch closed if it was the last
 * file, and the upload deleted. Every step is safe to repeat, so a finisher
 * that crashes is simply run again by its task's retry.
 */
export async function finishArchive(env: FinishTarget, refs: UserRefs, task: Omit<RangeTask, "index">, now: () => Date): Promise<void> {
  const { uid, batchId, fileId } = task;
  const archiveRef = refs.archive(batchId, fileId);
  const plan = parseSnapshot(ArchiveFanout, await archiveRef.get());
  const partSnapshots = await Promise.all(plan.ranges.map((_, index) => refs.archiveRange(batchId, fileId, index).get()));
  const parts = partSnapshots.map((snapshot) => parseSnapshot(ArchivePart, snapshot));
  const missing = await findMissingWithin(refs, { uid, batchId, fileId }, parts);
  const summary = { ...mergeParts(parts, missing), progressKeys: plan.ranges.map((_, index) => rangeProgressKey(fileId, index)) };
  // Rendered once all parts are counted, so the middle slice is the whole series' middle.
  for (const studyUID of summary.studyInstanceUIDs) await refreshThumbnailQuietly(refs, env.instancesBucket, uid, studyUID);
  if (await completeFileSummary(env.db, refs, batchId, fileId, plan.name, summary, now())) {
    await finishBatch(env.db, refs, batchId, now());
  }
  if (!plan.finishedAt) await archiveRef.update({ finishedAt: now() });
  await env.uploadsBucket.file(plan.objectName).delete({ ignoreNotFound: true });
}

/** A DICOMDIR in one part lists files of every part: checked against the names all parts noted. */
async function findMissingWithin(refs: UserRefs, task: Omit<RangeTask, "index">, parts: ArchivePart[]): Promise<UploadProblem[]> {
  if (parts.every((part) => part.dicomdirs.length === 0)) return [];
  // A part set aside noted no names: its files would be reported missing when they were not.
  if (parts.some((part) => part.problems.some((problem) => problem.reason === "ingest-crashed"))) return [];
  const present = new Set<string>();
  for (const [index, part] of parts.entries()) {
    for (const name of await readDeferredReferences(refs, task.batchId, presentChunksKey({ ...task, index }), part.presentChunks)) present.add(name);
  }
  // As in one run (DicomdirCheck.missingWithin): an archive holding only its DICOMDIR vouches for nothing.
  if (present.size <= 1) return [];
  const problems: UploadProblem[] = [];
  for (const [index, part] of parts.entries()) {
    for (const [n, dicomdir] of part.dicomdirs.entries()) {
      const references = await readDeferredReferences(refs, task.batchId, dicomdirChunksKey({ ...task, index }, n), dicomdir.chunks);
      for (const m of findMissing(dicomdir.name, references, present)) problems.push({ file: m.file, verdict: "failed", reason: "missing-from-upload", detail: m.detail });
    }
  }
  return problems;
}
