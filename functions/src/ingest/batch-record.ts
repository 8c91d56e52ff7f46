import {
  EMPTY_VERDICT_COUNTS,
  MAX_BATCH_PROBLEMS,
  UploadBatch,
  type UploadProblem,
  type VerdictCounts,
} from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { findMissing, type MissingReference } from "./dicomdir-check";
import { normaliseForDicomdirMatch } from "./dicomdir";
import { readDeferredReferences, saveDeferredReferences } from "./dicomdir-references";
import { parseSnapshot } from "./firestore-data";
import type { FileOutcome } from "./ingest-items";
import type { UserRefs } from "./refs";

/** Studies linked from one batch's summary; a batch of more is rare and the list says "and more". */
const MAX_BATCH_STUDIES = 200;

export function newBatch(input: { declaredFiles: number; declaredBytes: number; uploadedFiles: number | null }, now: Date): UploadBatch {
  return {
    status: input.uploadedFiles === null ? "uploading" : "processing",
    createdAt: now,
    updatedAt: now,
    declaredFiles: input.declaredFiles,
    declaredBytes: input.declaredBytes,
    uploadedFiles: input.uploadedFiles,
    filesProcessed: 0,
    counts: EMPTY_VERDICT_COUNTS,
    bytesStored: 0,
    inProgress: {},
    problems: [],
    problemsOmitted: 0,
    studyInstanceUIDs: [],
    dicomdirMissing: 0,
  };
}

function addCounts(a: VerdictCounts, b: VerdictCounts): VerdictCounts {
  return { stored: a.stored + b.stored, duplicate: a.duplicate + b.duplicate, skipped: a.skipped + b.skipped, failed: a.failed + b.failed };
}

/** Appends problems up to the cap; the rest are only counted, so the document stays small. */
function appendProblems(batch: UploadBatch, problems: UploadProblem[]): Pick<UploadBatch, "problems" | "problemsOmitted"> {
  const room = Math.max(0, MAX_BATCH_PROBLEMS - batch.problems.length);
  return {
    problems: [...batch.problems, ...problems.slice(0, room)],
    problemsOmitted: batch.problemsOmitted + Math.max(0, problems.length - room),
  };
}

export function isComplete(batch: UploadBatch): boolean {
  return batch.uploadedFiles !== null && batch.filesProcessed >= batch.uploadedFiles;
}

/**
 * An upload that arrived without `POST /api/uploads` (an older client, a
 * script) still gets a record: a batch of one file, already sealed.
 */
export async function ensureBatch(refs: UserRefs, batchId: string, size: number, now: Date): Promise<void> {
  try {
    await refs.batch(batchId).create(newBatch({ declaredFiles: 1, declaredBytes: size, uploadedFiles: 1 }, now));
  } catch (error) {
    if ((error as { code?: number }).code !== 6) throw error;
  }
}

/** What one file adds to its batch: one run's outcome, or the parts of a large archive merged (fanout/). */
export interface FileSummary {
  counts: VerdictCounts;
  problems: UploadProblem[];
  /** Problems already left out before these (a part keeps its first ones only). */
  problemsOmitted: number;
  studyInstanceUIDs: string[];
  bytes: number;
  /** A loose DICOMDIR's file list, checked when the batch is in. */
  deferredReferences: string[] | null;
  /** Live progress entries to clear besides the file's own (one per part of a large archive). */
  progressKeys?: string[];
}

export function summariseOutcome(outcome: FileOutcome): FileSummary {
  return {
    counts: outcome.counts,
    problems: outcome.problems,
    problemsOmitted: 0,
    studyInstanceUIDs: [...outcome.studies.keys()],
    bytes: [...outcome.studies.values()].reduce((sum, study) => sum + study.bytes, 0),
    deferredReferences: outcome.dicomdirs.deferredReferences(),
  };
}

/**
 * Adds one file's outcome to its batch, exactly once: the file's own
 * document is the marker, created in the same transaction. A loose
 * DICOMDIR's file list goes to chunk documents first (it can be megabytes).
 * @returns whether this completed the batch.
 */
export function completeFile(db: Firestore, refs: UserRefs, batchId: string, fileId: string, name: string, outcome: FileOutcome, now: Date): Promise<boolean> {
  return completeFileSummary(db, refs, batchId, fileId, name, summariseOutcome(outcome), now);
}

/** {@link completeFile} for a summary: the one way a file's counts reach its batch. */
export async function completeFileSummary(
  db: Firestore,
  refs: UserRefs,
  batchId: string,
  fileId: string,
  name: string,
  summary: FileSummary,
  now: Date,
): Promise<boolean> {
  const deferred = summary.deferredReferences;
  const dicomdirChunks = deferred ? await saveDeferredReferences(db, refs, batchId, fileId, deferred) : 0;
  return db.runTransaction(async (tx) => {
    const [file, snapshot] = await tx.getAll(refs.batchFile(batchId, fileId), refs.batch(batchId));
    if (file!.exists) return false;
    const batch = parseSnapshot(UploadBatch, snapshot!);
    const inProgress = { ...batch.inProgress };
    for (const key of [fileId, ...(summary.progressKeys ?? [])]) delete inProgress[key];
    const studies = [...new Set([...batch.studyInstanceUIDs, ...summary.studyInstanceUIDs])].slice(0, MAX_BATCH_STUDIES);
    const missingWithin = summary.problems.filter((p) => p.reason === "missing-from-upload").length;
    const listed = appendProblems(batch, summary.problems);
    const updated: UploadBatch = {
      ...batch,
      ...listed,
      problemsOmitted: listed.problemsOmitted + summary.problemsOmitted,
      counts: addCounts(batch.counts, summary.counts),
      filesProcessed: batch.filesProcessed + 1,
      bytesStored: batch.bytesStored + summary.bytes,
      inProgress,
      studyInstanceUIDs: studies,
      dicomdirMissing: batch.dicomdirMissing + missingWithin,
      updatedAt: now,
    };
    tx.set(refs.batch(batchId), updated);
    tx.set(file!.ref, {
      name,
      nameKey: normaliseForDicomdirMatch(name),
      counts: summary.counts,
      ...(deferred ? { dicomdirChunks } : {}),
      completedAt: now,
    });
    return isComplete(updated) && updated.status !== "done";
  });
}

/**
 * The browser has sent what it could. Files it cancelled are not waited for.
 * @returns whether the batch is now complete (everything sent is processed).
 */
export async function sealBatch(db: Firestore, refs: UserRefs, batchId: string, uploadedFiles: number, now: Date): Promise<"sealed" | "complete" | "missing"> {
  return db.runTransaction(async (tx) => {
    const snapshot = await tx.get(refs.batch(batchId));
    if (!snapshot.exists) return "missing";
    const batch = parseSnapshot(UploadBatch, snapshot);
    if (batch.uploadedFiles !== null) return isComplete(batch) && batch.status !== "done" ? "complete" : "sealed";
    const updated: UploadBatch = { ...batch, uploadedFiles, status: "processing", updatedAt: now };
    tx.set(refs.batch(batchId), updated);
    return isComplete(updated) ? "complete" : "sealed";
  });
}

/**
 * Closes a complete batch: checks loose DICOMDIRs against the files that
 * arrived, then marks it done. Safe to run twice (a second run finds it done).
 */
export async function finishBatch(db: Firestore, refs: UserRefs, batchId: string, now: Date): Promise<void> {
  const files = await refs.batchFiles(batchId).select("name", "nameKey", "dicomdirChunks").get();
  const present = new Set(files.docs.map((doc) => String(doc.get("nameKey"))));
  const missing: MissingReference[] = [];
  for (const doc of files.docs) {
    const chunks = Number(doc.get("dicomdirChunks") ?? 0);
    if (chunks === 0) continue;
    const references = await readDeferredReferences(refs, batchId, doc.id, chunks);
    missing.push(...findMissing(String(doc.get("name")), references, present));
  }
  await db.runTransaction(async (tx) => {
    const snapshot = await tx.get(refs.batch(batchId));
    const batch = parseSnapshot(UploadBatch, snapshot);
    if (batch.status === "done") return;
    const problems: UploadProblem[] = missing.map((m) => ({ file: m.file, verdict: "failed", reason: "missing-from-upload", detail: m.detail }));
    tx.set(refs.batch(batchId), {
      ...batch,
      ...appendProblems(batch, problems),
      dicomdirMissing: batch.dicomdirMissing + missing.length,
      status: "done",
      updatedAt: now,
    } satisfies UploadBatch);
  });
}

