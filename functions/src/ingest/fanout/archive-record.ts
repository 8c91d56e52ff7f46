import { UploadProblem, VerdictCounts } from "@pacs/shared";
import { z } from "zod";

const Count = z.number().int().nonnegative();

/** Entries [start, end) of the archive, in central directory order: one task's work. */
export const ArchiveRange = z.object({ start: Count, end: Count });

/**
 * `uploads/{batchId}/archives/{fileId}`: a large archive split into parts.
 * Written once by the trigger (the plan); `rangesDone` rises by one in the
 * transaction that records a part, so exactly one part sees it reach the
 * number of parts, and that part's task finishes the archive.
 */
export const ArchiveFanout = z.object({
  objectName: z.string(),
  size: Count,
  /** Storage's generation of the upload: a file uploaded again is another archive. */
  generation: z.string(),
  /** The name the user knows the archive by. */
  name: z.string(),
  ranges: z.array(ArchiveRange).min(2),
  rangesDone: Count,
  createdAt: z.date(),
  finishedAt: z.date().optional(),
});
export type ArchiveFanout = z.infer<typeof ArchiveFanout>;

/** A DICOMDIR found in a part: its list waits in chunk documents for the whole archive. */
const PartDicomdir = z.object({ name: z.string(), chunks: Count });

/**
 * `uploads/{batchId}/archives/{fileId}/ranges/{n}`: what one part came to.
 * Created once, in the transaction that counts the part (the exactly-once
 * marker for its verdicts); the finisher adds the parts up, in order, into
 * the batch through the file's own marker, as one run would.
 */
export const ArchivePart = z.object({
  counts: VerdictCounts,
  /** The first problems, within the part's share of a document. */
  problems: z.array(UploadProblem),
  problemsOmitted: Count,
  /** Studies in the order the part first stored them. */
  studyInstanceUIDs: z.array(z.string()),
  bytes: Count,
  /** Chunk documents of the names that arrived (normalised), for the DICOMDIR check. */
  presentChunks: Count,
  dicomdirs: z.array(PartDicomdir),
  completedAt: z.date(),
});
export type ArchivePart = z.infer<typeof ArchivePart>;

/** What a task is given: which archive, which part. The rest is read from the plan. */
export const RangeTask = z.object({
  uid: z.string().min(1),
  batchId: z.string().min(1),
  fileId: z.string().min(1),
  index: Count,
});
export type RangeTask = z.infer<typeof RangeTask>;

/** The key of one part in claims, sources markers and chunk ids: the file's, plus the part. */
export function rangeSourceKey(batchId: string, fileId: string, index: number): string {
  return `${batchId}~${fileId}~r${String(index).padStart(4, "0")}`;
}

/** The live progress entry of one part (uploads/{batchId}.inProgress). */
export function rangeProgressKey(fileId: string, index: number): string {
  return `${fileId}~r${String(index).padStart(4, "0")}`;
}
