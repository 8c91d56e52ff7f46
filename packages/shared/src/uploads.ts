import { z } from "zod";
import { DicomUID } from "./studies";

/**
 * The largest single file a browser may upload (storage.rules enforces the
 * same number; a unit test keeps them in step). A ZIP of a large study fits;
 * anything bigger should be split by the user's export tool.
 */
export const MAX_UPLOAD_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** Files in one batch: a CD export or a large folder fits; more should be zipped. */
export const MAX_BATCH_FILES = 20_000;

/** Storage a user gets unless an administrator sets `quotaBytes` on their profile: 10 GB. */
export const DEFAULT_QUOTA_BYTES = 10_000_000_000;

/** Content types the client sends and storage.rules accepts. */
export const UPLOAD_CONTENT_TYPES = ["application/dicom", "application/zip", "application/octet-stream"] as const;

/**
 * A file's key inside its batch: chosen by the browser, used as the last
 * segment of the upload path, so it is restricted to characters that are safe
 * in a Storage object name and a Firestore document id (storage.rules checks
 * the same pattern). The user's own file name travels in custom metadata.
 */
export const UploadFileId = z.string().regex(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/, "not an upload file id");
export const UploadBatchId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, "not an upload batch id");

/** Where a browser uploads one file of a batch: owned by the user, never read back by clients. */
export function buildUploadPath(uid: string, batchId: string, fileId: string): string {
  return `uploads/${uid}/${batchId}/${fileId}`;
}

/** Parses an upload object name back into its parts; null for anything else. */
export function parseUploadPath(objectName: string): { uid: string; batchId: string; fileId: string } | null {
  const match = /^uploads\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(objectName);
  if (!match) return null;
  const [, uid, batchId, fileId] = match as unknown as [string, string, string, string];
  if (!UploadBatchId.safeParse(batchId).success || !UploadFileId.safeParse(fileId).success) return null;
  return { uid, batchId, fileId };
}

/**
 * Custom metadata the browser sets on each upload. `relativePath` is the
 * path inside a dropped folder (`CD/DICOM/IM0001`) or the bare file name; it
 * is what a DICOMDIR refers to and what the summary shows.
 */
export const UploadObjectMetadata = z.object({
  relativePath: z.string().min(1).max(1024),
});
export type UploadObjectMetadata = z.infer<typeof UploadObjectMetadata>;

/**
 * Stored instances live in their own bucket, not the uploads bucket: the
 * ingest trigger fires for every object finalized in the bucket it watches,
 * and would otherwise run once more for each instance it stores.
 */
export function defaultInstancesBucket(projectId: string): string {
  return `${projectId}-pacs-instances`;
}

/** The canonical, server-only home of a stored instance: derived from owner and UIDs, never from a file name. */
export function buildInstancePath(uid: string, study: string, series: string, sop: string): string {
  return `instances/${uid}/${study}/${series}/${sop}.dcm`;
}

/**
 * Ends the name of a viewer-ready copy (docs/viewer.md). A SOP Instance UID
 * holds only digits and dots, so no original's name ends like this.
 */
export const VIEWABLE_COPY_SUFFIX = ".viewable.dcm";

/**
 * Where the viewer-ready copy of an instance is kept: beside the original,
 * under the same `instances/{uid}/{study}/` prefix, so that deleting a study or
 * an account by prefix removes it too.
 */
export function buildViewableCopyPath(uid: string, study: string, series: string, sop: string): string {
  return `instances/${uid}/${study}/${series}/${sop}${VIEWABLE_COPY_SUFFIX}`;
}

/** True for a viewer-ready copy, which downloads, exports and counts of originals leave out. */
export function isViewableCopyPath(objectName: string): boolean {
  return objectName.endsWith(VIEWABLE_COPY_SUFFIX);
}

/** Renditions of an instance (`InstanceRenditions`), beside it so that deleting the study's prefix removes them. */
export function buildRenditionPath(uid: string, study: string, series: string, sop: string, rendition: "pdf" | "sr.json"): string {
  return `instances/${uid}/${study}/${series}/${sop}.${rendition}`;
}

/**
 * Stored originals end in `.dcm` (and are no viewer-ready copy); anything else under
 * `instances/` is a copy made for the viewer, not the user's file.
 */
export function isOriginalInstancePath(objectName: string): boolean {
  return objectName.endsWith(".dcm") && !isViewableCopyPath(objectName);
}

/** `POST /api/uploads`: the browser announces a batch before sending bytes, so the quota is checked first. */
export const CreateUploadBatchRequest = z.object({
  files: z
    .array(z.object({ relativePath: z.string().min(1).max(1024), size: z.number().int().positive().max(MAX_UPLOAD_FILE_BYTES) }))
    .min(1, "Choose at least one file.")
    .max(MAX_BATCH_FILES, `Upload at most ${MAX_BATCH_FILES} files at a time; zip larger folders.`),
});
export type CreateUploadBatchRequest = z.infer<typeof CreateUploadBatchRequest>;

export const CreateUploadBatchResponse = z.object({ batchId: UploadBatchId });
export type CreateUploadBatchResponse = z.infer<typeof CreateUploadBatchResponse>;

/**
 * `POST /api/uploads/{batchId}/seal`: the browser is done sending. Files it
 * cancelled or could not send are not waited for; the batch is done once the
 * uploaded ones are processed.
 */
export const SealUploadBatchRequest = z.object({
  uploadedFileIds: z.array(UploadFileId).max(MAX_BATCH_FILES),
});
export type SealUploadBatchRequest = z.infer<typeof SealUploadBatchRequest>;

/** What happened to one file or archive entry. */
export const IngestVerdict = z.enum(["stored", "duplicate", "skipped", "failed"]);
export type IngestVerdict = z.infer<typeof IngestVerdict>;

/**
 * Why a file was not stored. "Skipped" reasons are files that are not
 * instances by design; "failed" ones should have been and could not be.
 */
export const SKIP_REASONS = ["not-dicom", "dicomdir", "no-patient", "missing-uid"] as const;
export const FAIL_REASONS = [
  "unreadable",
  "invalid-metadata",
  "encrypted",
  "truncated",
  "corrupt-archive",
  "too-large",
  "zip-bomb",
  "too-many-entries",
  "archive-too-large",
  "nested-too-deep",
  "quota",
  "missing-from-upload",
  "ingest-crashed",
] as const;
export const IngestReason = z.enum([...SKIP_REASONS, ...FAIL_REASONS]);
export type IngestReason = z.infer<typeof IngestReason>;

export function verdictForReason(reason: IngestReason): "skipped" | "failed" {
  return (SKIP_REASONS as readonly string[]).includes(reason) ? "skipped" : "failed";
}

/** One file the user should hear about, by the name they know it by. */
export const UploadProblem = z.object({
  file: z.string(),
  verdict: z.enum(["skipped", "failed"]),
  reason: IngestReason,
  detail: z.string(),
});
export type UploadProblem = z.infer<typeof UploadProblem>;

/** Problems kept on the batch document; the rest are counted, so the document stays far below 1 MiB. */
export const MAX_BATCH_PROBLEMS = 500;

const Count = z.number().int().nonnegative();

export const VerdictCounts = z.object({ stored: Count, duplicate: Count, skipped: Count, failed: Count });
export type VerdictCounts = z.infer<typeof VerdictCounts>;

/** An uploaded file being ingested now: archives report entries as they go. */
export const FileProgress = z.object({
  name: z.string(),
  entriesDone: Count,
  /** Null while unknown (a loose file, or an archive without a readable directory). */
  entriesTotal: Count.nullable(),
});
export type FileProgress = z.infer<typeof FileProgress>;

/**
 * `users/{uid}/uploads/{batchId}`: one upload batch, written by the server
 * only and watched live by the upload page.
 */
export const UploadBatch = z.object({
  status: z.enum(["uploading", "processing", "done"]),
  createdAt: z.date(),
  updatedAt: z.date(),
  declaredFiles: Count,
  declaredBytes: Count,
  /** Files the browser finished sending; null until it seals the batch. */
  uploadedFiles: Count.nullable(),
  filesProcessed: Count,
  counts: VerdictCounts,
  bytesStored: Count,
  inProgress: z.record(z.string(), FileProgress),
  problems: z.array(UploadProblem),
  problemsOmitted: Count,
  studyInstanceUIDs: z.array(DicomUID),
  /** Files a DICOMDIR in the batch lists that never arrived (each is also in `problems`). */
  dicomdirMissing: Count,
  /** Set when a tool sent the batch over DICOMweb (STOW-RS): who sent it, e.g. its access token's name. */
  sentBy: z.string().max(200).optional(),
});
export type UploadBatch = z.infer<typeof UploadBatch>;

export const EMPTY_VERDICT_COUNTS: VerdictCounts = { stored: 0, duplicate: 0, skipped: 0, failed: 0 };

/**
 * "Processing 120 / 300" for the upload page: archive entries while one
 * archive is the whole batch, files otherwise.
 */
export function describeBatchProgress(batch: UploadBatch): { done: number; total: number | null; unit: "files" | "entries" } {
  const running = Object.values(batch.inProgress);
  const single = running.length === 1 && batch.filesProcessed === 0 && (batch.uploadedFiles ?? batch.declaredFiles) === 1;
  if (single && running[0]!.entriesTotal !== null) {
    return { done: running[0]!.entriesDone, total: running[0]!.entriesTotal, unit: "entries" };
  }
  return { done: batch.filesProcessed, total: batch.uploadedFiles ?? batch.declaredFiles, unit: "files" };
}
