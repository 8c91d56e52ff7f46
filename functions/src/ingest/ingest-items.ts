import { EMPTY_VERDICT_COUNTS, verdictForReason, type IngestReason, type IngestVerdict, type InstanceMetadata, type UploadProblem, type VerdictCounts } from "@pacs/shared";
import type { ArchiveItem } from "./archive/archive-item";
import { DicomdirCheck } from "./dicomdir-check";
import type { ProgressReporter } from "./progress";
import { readInstanceMetadata, SkippedInstanceError, type InstanceRead } from "./read-instance";
import { describeRenditions, storeInstance, type InstanceTarget } from "./store-instance";
import { addInstance, newContribution, type StudyContribution } from "./study-contribution";

/** What one uploaded file (loose or an archive) came to. */
export interface FileOutcome {
  counts: VerdictCounts;
  problems: UploadProblem[];
  studies: Map<string, StudyContribution>;
  dicomdirs: DicomdirCheck;
}

export interface ItemsTarget extends InstanceTarget {
  /** Files parsed and claimed ahead of their Storage write: enough that claims go in groups. */
  concurrency: number;
  /** Bytes held by files in flight, so that a run of large instances cannot exhaust memory. */
  maxBytesInFlight: number;
  /** Test seam: called after each stored instance, to simulate a crash part-way. */
  afterStore?: (order: number) => void;
  /** A caller that answers file by file (STOW-RS); absent for uploads. */
  observer?: ItemObserver;
}

/** What became of one file, for a caller that answers file by file. */
export interface ItemVerdict {
  name: string;
  verdict: IngestVerdict;
  reason?: IngestReason;
  detail?: string;
  /** Its UIDs, once its header was read. */
  instance?: Pick<InstanceMetadata, "StudyInstanceUID" | "SeriesInstanceUID" | "SOPInstanceUID" | "SOPClassUID">;
}

export interface ItemObserver {
  /** May refuse a readable instance before it is claimed: the returned detail is reported as `invalid-metadata`. */
  admit?(read: InstanceRead): string | undefined;
  noteVerdict(verdict: ItemVerdict): void;
}

type Report = (name: string, reason: IngestReason, detail: string, instance?: InstanceMetadata) => void;

/**
 * Gives every item a verdict. Bad data (not DICOM, corrupt, over a limit)
 * becomes a problem and the next item goes on; only infrastructure failures
 * (Storage or Firestore down) throw, so that the trigger is retried and the
 * upload is kept.
 */
export async function ingestItems(
  target: ItemsTarget,
  items: AsyncIterable<ArchiveItem>,
  sourceKey: string,
  progress: ProgressReporter,
  /** False for one part of a large archive: its DICOMDIR is checked against the whole archive at the end (fanout/). */
  checkDicomdirs = true,
): Promise<FileOutcome> {
  const outcome: FileOutcome = { counts: { ...EMPTY_VERDICT_COUNTS }, problems: [], studies: new Map(), dicomdirs: new DicomdirCheck() };
  const report: Report = (name, reason, detail, instance) => {
    const verdict = verdictForReason(reason);
    outcome.counts[verdict] += 1;
    outcome.problems.push({ file: name, verdict, reason, detail });
    target.observer?.noteVerdict({ name, verdict, reason, detail, ...(instance ? { instance: uidsOf(instance) } : {}) });
  };
  const running = new Set<Promise<void>>();
  // The first infrastructure failure; a finished task leaves `running`, so its error is kept here.
  let failure: { error: unknown } | null = null;
  let order = 0;
  let bytesInFlight = 0;
  for await (const item of items) {
    if (failure) break;
    if (item.kind === "entries") {
      progress.addTotal(item.total);
      continue;
    }
    outcome.dicomdirs.notePresent(item.name);
    if (item.kind === "file") {
      const size = item.bytes.length;
      bytesInFlight += size;
      const task: Promise<void> = ingestFile(target, outcome, report, item.name, item.bytes, sourceKey, order++)
        .then(() => progress.advance())
        .catch((error: unknown) => void (failure ??= { error }))
        .finally(() => {
          running.delete(task);
          bytesInFlight -= size;
        });
      running.add(task);
      while (running.size >= target.concurrency || (running.size > 0 && bytesInFlight > target.maxBytesInFlight)) {
        // Nothing more is read until a file finishes, and files wait on their claims: send them now.
        target.claims.flushNow();
        await Promise.race(running);
      }
      continue;
    }
    if (item.kind === "problem") report(item.name, item.reason, item.detail);
    progress.advance();
  }
  // Let the instances in flight finish before the trigger is failed and retried.
  target.claims.flushNow();
  await Promise.all(running);
  if (failure) throw (failure as { error: unknown }).error;
  // Listed but absent files are not files of this upload: reported, not counted.
  for (const missing of checkDicomdirs ? outcome.dicomdirs.missingWithin() : []) {
    outcome.problems.push({ file: missing.file, verdict: "failed", reason: "missing-from-upload", detail: missing.detail });
  }
  return outcome;
}

async function ingestFile(
  target: ItemsTarget,
  outcome: FileOutcome,
  report: Report,
  name: string,
  bytes: Buffer,
  sourceKey: string,
  /** The file's place in the upload: the claim's key, and the order of the instance chunks. */
  order: number,
): Promise<void> {
  let read: InstanceRead;
  try {
    read = readInstanceMetadata(bytes, name);
  } catch (error) {
    if (error instanceof SkippedInstanceError) {
      const unchecked = error.reason === "dicomdir" ? outcome.dicomdirs.addDicomdir(name, bytes) : undefined;
      return report(name, error.reason, unchecked ? `${error.detail}; ${unchecked}` : error.detail);
    }
    // A parser failure on strange bytes is a verdict on the file, not a reason to stop the upload.
    return report(name, "unreadable", `not readable as DICOM: ${(error as Error).message}`);
  }
  const refusal = target.observer?.admit?.(read);
  if (refusal) return report(name, "invalid-metadata", refusal, read.instance);
  const stored = await storeInstance(target, read, bytes, `${sourceKey}/${order}`);
  if (stored.status === "quota") return report(name, "quota", stored.detail, read.instance);
  if (stored.status === "duplicate") {
    outcome.counts.duplicate += 1;
    target.observer?.noteVerdict({ name, verdict: "duplicate", instance: uidsOf(read.instance) });
    return;
  }
  outcome.counts.stored += 1;
  target.observer?.noteVerdict({ name, verdict: "stored", instance: uidsOf(read.instance) });
  const studyUID = read.instance.StudyInstanceUID;
  const contribution = outcome.studies.get(studyUID) ?? newContribution(read.study);
  outcome.studies.set(studyUID, contribution);
  // byteLength is the original's: a viewer-ready copy and renditions are ours, not counted against the owner's quota.
  const viewable = stored.viewableCopy ? { viewableCopy: stored.viewableCopy } : {};
  const renditions = describeRenditions(read);
  const undrawable = read.undrawable ? { undrawable: read.undrawable } : {};
  addInstance(contribution, order, read.series, { metadata: read.instance, byteLength: read.byteLength, ...viewable, ...(renditions ? { renditions } : {}), ...undrawable });
  target.afterStore?.(contribution.instances.length);
}

function uidsOf(instance: InstanceMetadata): NonNullable<ItemVerdict["instance"]> {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID, SOPClassUID } = instance;
  return { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID, SOPClassUID };
}
