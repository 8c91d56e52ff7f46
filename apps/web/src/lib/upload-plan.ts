/**
 * How each accepted file is named and labelled in Storage. The file id is the
 * file's position in the batch, so the list sent to `POST /api/uploads` and
 * the uploaded objects line up; the user's own name travels as metadata.
 */
import { UPLOAD_CONTENT_TYPES, UploadFileId, type UploadObjectMetadata } from "@pacs/shared";
import type { CandidateFile } from "./upload-preflight";

export type UploadContentType = (typeof UPLOAD_CONTENT_TYPES)[number];

export type PlannedUpload<T extends CandidateFile = CandidateFile> = T & {
  fileId: string;
  contentType: UploadContentType;
  metadata: UploadObjectMetadata;
};

/** `f000001` for the first file: sorts in batch order and fits MAX_BATCH_FILES. */
export function buildUploadFileId(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`buildUploadFileId: not a file index: ${index}`);
  return UploadFileId.parse(`f${String(index + 1).padStart(6, "0")}`);
}

/**
 * The label storage.rules accept. Browsers know no type for most DICOM files
 * (they have no extension), so only the two telling extensions are used and
 * the ingest function decides what a file really is.
 */
export function chooseContentType(relativePath: string): UploadContentType {
  const name = relativePath.toLowerCase();
  if (name.endsWith(".zip")) return "application/zip";
  if (name.endsWith(".dcm") || name.endsWith(".dicom")) return "application/dicom";
  return "application/octet-stream";
}

/** Gives each accepted file its id, content type and metadata, in the order they are announced. */
export function planUploads<T extends CandidateFile>(files: readonly T[]): PlannedUpload<T>[] {
  return files.map((file, index) => ({
    ...file,
    fileId: buildUploadFileId(index),
    contentType: chooseContentType(file.relativePath),
    metadata: { relativePath: file.relativePath },
  }));
}
