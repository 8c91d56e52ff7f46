import type { IngestReason, UploadProblem } from "@pacs/shared";

/** What each server-side reason means, in the words of the upload summary. */
export const INGEST_REASON_LABELS: Record<IngestReason, string> = {
  "not-dicom": "Not a DICOM file",
  dicomdir: "DICOMDIR (the index of a CD, not an image)",
  "no-patient": "No patient information",
  "missing-uid": "A required UID is missing",
  unreadable: "Could not be read",
  "invalid-metadata": "Invalid DICOM attributes",
  encrypted: "Encrypted archive",
  truncated: "The file is cut short",
  "corrupt-archive": "Damaged archive",
  "too-large": "Too large",
  "zip-bomb": "Compressed data expands far too much (refused for safety)",
  "too-many-entries": "Archive holds too many files",
  "archive-too-large": "Archive contents too large",
  "nested-too-deep": "Archives nested too deeply",
  quota: "Storage quota reached",
  "missing-from-upload": "Listed in the DICOMDIR but not uploaded",
  "ingest-crashed": "Processing kept failing on this file",
};

/** "Skipped: Not a DICOM file (a text file, not a DICOM file)" for the summary's table of files not stored. */
export function describeProblem(problem: UploadProblem): string {
  const verdict = problem.verdict === "failed" ? "Failed" : "Skipped";
  return `${verdict}: ${INGEST_REASON_LABELS[problem.reason]}${problem.detail ? ` (${problem.detail})` : ""}`;
}
