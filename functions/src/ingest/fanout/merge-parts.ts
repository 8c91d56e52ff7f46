import { EMPTY_VERDICT_COUNTS, MAX_BATCH_PROBLEMS, type UploadProblem, type VerdictCounts } from "@pacs/shared";
import type { FileSummary } from "../batch-record";
import type { ArchivePart } from "./archive-record";

/** A part's problems share its document with the rest of its outcome: well below Firestore's 1 MiB. */
export const MAX_PART_PROBLEM_BYTES = 512 * 1024;

/**
 * The first problems of one part, as many as the batch could list
 * (MAX_BATCH_PROBLEMS) and as fit in `maxBytes`; the rest are counted.
 */
export function keepProblems(problems: UploadProblem[], maxBytes = MAX_PART_PROBLEM_BYTES): { problems: UploadProblem[]; problemsOmitted: number } {
  const kept: UploadProblem[] = [];
  let bytes = 0;
  for (const problem of problems.slice(0, MAX_BATCH_PROBLEMS)) {
    bytes += Buffer.byteLength(JSON.stringify(problem), "utf8");
    if (bytes > maxBytes) break;
    kept.push(problem);
  }
  return { problems: kept, problemsOmitted: problems.length - kept.length };
}

function addCounts(a: VerdictCounts, b: VerdictCounts): VerdictCounts {
  return { stored: a.stored + b.stored, duplicate: a.duplicate + b.duplicate, skipped: a.skipped + b.skipped, failed: a.failed + b.failed };
}

/**
 * The parts of one archive, in archive order, as one run over the whole
 * archive would have reported it: counts and bytes added, problems in entry
 * order (then `missing`, the DICOMDIR check over all parts), studies in the
 * order they were first met.
 */
export function mergeParts(parts: ArchivePart[], missing: UploadProblem[]): FileSummary {
  return {
    counts: parts.reduce((sum, part) => addCounts(sum, part.counts), { ...EMPTY_VERDICT_COUNTS }),
    problems: [...parts.flatMap((part) => part.problems), ...missing],
    problemsOmitted: parts.reduce((sum, part) => sum + part.problemsOmitted, 0),
    studyInstanceUIDs: [...new Set(parts.flatMap((part) => part.studyInstanceUIDs))],
    bytes: parts.reduce((sum, part) => sum + part.bytes, 0),
    deferredReferences: null,
  };
}
