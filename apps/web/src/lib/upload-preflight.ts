/**
 * What the browser checks before a single byte is sent, so that a user hears
 * at once (not after minutes of uploading) about files that cannot go.
 */
import { MAX_BATCH_FILES, MAX_UPLOAD_FILE_BYTES } from "@pacs/shared";
import { formatBytes, formatCount } from "./format";
import type { StorageQuota } from "./quota";

export interface CandidateFile {
  relativePath: string;
  size: number;
}

export interface RefusedFile<T> {
  file: T;
  reason: string;
}

export interface PreflightResult<T extends CandidateFile> {
  /** What will be uploaded when the batch is allowed. */
  accepted: T[];
  acceptedBytes: number;
  /** Files refused one by one, each with the reason shown next to it. */
  refused: RefusedFile<T>[];
  /** Files operating systems leave in folders and archives (listed as left out, never dropped silently). */
  leftOut: T[];
  /** Set when the batch as a whole cannot go (quota, too many files): nothing is uploaded. */
  batchError: string | null;
}

/** The limit of CreateUploadBatchRequest and of Storage custom metadata values. */
export const MAX_RELATIVE_PATH_LENGTH = 1024;

const HIDDEN_FILE_NAMES = new Set([".ds_store", "thumbs.db", "desktop.ini", "ehthumbs.db"]);
const HIDDEN_FOLDERS = new Set(["__macosx", ".spotlight-v100", ".trashes", ".fseventsd", ".temporaryitems"]);

/**
 * Files that Finder, Explorer and archivers add beside a user's own: folder
 * view settings, thumbnails caches, and macOS "._" AppleDouble companions.
 */
export function isHiddenSystemFile(relativePath: string): boolean {
  const segments = relativePath.split("/").filter(Boolean);
  const name = (segments.at(-1) ?? "").toLowerCase();
  if (HIDDEN_FILE_NAMES.has(name) || name.startsWith("._")) return true;
  return segments.slice(0, -1).some((folder) => HIDDEN_FOLDERS.has(folder.toLowerCase()));
}

function refusalReason(file: CandidateFile): string | null {
  if (file.size === 0) return "Empty file (0 bytes): there is nothing in it to upload.";
  if (file.size > MAX_UPLOAD_FILE_BYTES) {
    return `Larger than the ${formatBytes(MAX_UPLOAD_FILE_BYTES)} limit for one file (${formatBytes(file.size)}); export the study as several files.`;
  }
  if (file.relativePath.length > MAX_RELATIVE_PATH_LENGTH) {
    return `Its folder path is longer than ${MAX_RELATIVE_PATH_LENGTH} characters; move it to a shorter path.`;
  }
  return null;
}

function batchErrorFor(count: number, bytes: number, quota: StorageQuota): string | null {
  if (count > MAX_BATCH_FILES) {
    return `These are ${formatCount(count)} files; upload at most ${formatCount(MAX_BATCH_FILES)} at a time, or zip the folder first.`;
  }
  if (bytes > quota.freeBytes) {
    return (
      `These files need ${formatBytes(bytes)}, but only ${formatBytes(quota.freeBytes)} of your ` +
      `${formatBytes(quota.quotaBytes)} storage is free (${formatBytes(quota.usedBytes)} used). Choose fewer files.`
    );
  }
  return null;
}

/** Sorts the chosen files into accepted, refused and left out, and checks the batch against the quota. */
export function preflightUpload<T extends CandidateFile>(files: readonly T[], quota: StorageQuota): PreflightResult<T> {
  const accepted: T[] = [];
  const refused: RefusedFile<T>[] = [];
  const leftOut: T[] = [];
  let acceptedBytes = 0;
  for (const file of files) {
    if (isHiddenSystemFile(file.relativePath)) {
      leftOut.push(file);
      continue;
    }
    const reason = refusalReason(file);
    if (reason) {
      refused.push({ file, reason });
      continue;
    }
    accepted.push(file);
    acceptedBytes += file.size;
  }
  return { accepted, acceptedBytes, refused, leftOut, batchError: batchErrorFor(accepted.length, acceptedBytes, quota) };
}
