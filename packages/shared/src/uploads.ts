/**
 * The largest single file a browser may upload (storage.rules enforces the
 * same number; a unit test keeps them in step). A ZIP of a large study fits;
 * anything bigger should be split by the user's export tool.
 */
export const MAX_UPLOAD_FILE_BYTES = 2 * 1024 * 1024 * 1024;

/** Content types the client sends and storage.rules accepts. */
export const UPLOAD_CONTENT_TYPES = ["application/dicom", "application/zip", "application/octet-stream"] as const;

/** Where a browser uploads one file of a batch: owned by the user, never read back by clients. */
export function buildUploadPath(uid: string, batchId: string, fileName: string): string {
  return `uploads/${uid}/${batchId}/${fileName}`;
}
