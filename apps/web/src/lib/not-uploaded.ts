/**
 * Every file the browser did not send, with why, for the upload summary:
 * refused by the preflight, left out as an operating-system file, unreadable,
 * failed after retries, or cancelled. Nothing chosen disappears unexplained.
 */
import type { UnreadableEntry } from "./collect-files";
import type { FileUploadState } from "./upload-run";
import type { CandidateFile, PreflightResult } from "./upload-preflight";

export interface NotUploadedFile {
  relativePath: string;
  reason: string;
}

export const LEFT_OUT_REASON = "Left out: a file the operating system keeps in folders, not a medical image.";
export const CANCELLED_REASON = "Cancelled before it was uploaded.";

export function listNotUploaded(
  preflight: Pick<PreflightResult<CandidateFile>, "refused" | "leftOut">,
  unreadable: readonly UnreadableEntry[],
  runFiles: readonly FileUploadState[],
): NotUploadedFile[] {
  const fromRun = runFiles.flatMap((state): NotUploadedFile[] => {
    if (state.status === "failed") return [{ relativePath: state.file.relativePath, reason: state.error ?? "The upload failed." }];
    if (state.status === "cancelled") return [{ relativePath: state.file.relativePath, reason: CANCELLED_REASON }];
    return [];
  });
  return [
    ...preflight.refused.map(({ file, reason }) => ({ relativePath: file.relativePath, reason })),
    ...unreadable,
    ...preflight.leftOut.map((file) => ({ relativePath: file.relativePath, reason: LEFT_OUT_REASON })),
    ...fromRun,
  ];
}
