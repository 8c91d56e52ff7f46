import type { Firestore } from "firebase-admin/firestore";
import { looksLikeZip } from "../archive/archive-item";
import type { ByteSource } from "../archive/byte-source";
import { parseSnapshot } from "../firestore-data";
import type { IngestLimits } from "../limits";
import type { UserRefs } from "../refs";
import { ArchiveFanout, type RangeTask } from "./archive-record";
import { readEntrySizes, splitIntoRanges, type RangeLimits } from "./plan-ranges";

/** Puts one part of an archive on the task queue (enqueue-range.ts in production, the test itself in tests). */
export type EnqueueRange = (task: RangeTask) => Promise<void>;

export interface FanoutSettings {
  ranges: RangeLimits;
  /**
   * Uploads smaller than this are not looked at: they end in seconds in one
   * run, and reading a directory first would cost them a request.
   */
  minArchiveBytes: number;
  enqueue: EnqueueRange;
}

/** The uploaded object the trigger was given. */
export interface FanoutUpload {
  refs: UserRefs;
  uid: string;
  batchId: string;
  fileId: string;
  name: string;
  object: { name: string; size: number };
  generation: string;
}

/**
 * Reads a ZIP's central directory once and, when its entries make more than
 * one part (plan-ranges.ts), records the plan and puts one task per part on
 * the queue. Anything else (not a ZIP, a small one, an unreadable directory)
 * is left to the single run: @returns false.
 *
 * A redelivered trigger finds the plan already made and queues the same
 * parts again; a part that is done, or done twice, counts once (ingest-range.ts).
 */
export async function startFanout(db: Firestore, settings: FanoutSettings, upload: FanoutUpload, source: ByteSource, limits: IngestLimits, now: Date): Promise<boolean> {
  if (source.size < 4 || !looksLikeZip(await source.read(0, 4))) return false;
  const sizes = await readEntrySizes(source, limits.maxArchiveEntries);
  if (!sizes) return false;
  const ranges = splitIntoRanges(sizes, settings.ranges);
  if (ranges.length < 2) return false;
  const plan = await savePlan(db, upload, {
    objectName: upload.object.name,
    size: upload.object.size,
    generation: upload.generation,
    name: upload.name,
    ranges,
    rangesDone: 0,
    createdAt: now,
  });
  const { uid, batchId, fileId } = upload;
  await Promise.all(plan.ranges.map((_, index) => settings.enqueue({ uid, batchId, fileId, index })));
  console.log(`ingest: ${upload.object.name} (${sizes.length} entries) handed to ${plan.ranges.length} tasks`);
  return true;
}

/** The plan is made once: a redelivery keeps the first (its parts may be under way). */
async function savePlan(db: Firestore, upload: FanoutUpload, plan: ArchiveFanout): Promise<ArchiveFanout> {
  const ref = upload.refs.archive(upload.batchId, upload.fileId);
  return db.runTransaction(async (tx) => {
    const existing = await tx.get(ref);
    if (existing.exists) return parseSnapshot(ArchiveFanout, existing);
    tx.create(ref, plan);
    return plan;
  });
}
