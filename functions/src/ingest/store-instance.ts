import { buildInstancePath, buildRenditionPath, type InstanceRenditions } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { ClaimBatcher } from "./claim-batcher";
import type { InstanceRead } from "./read-instance";
import type { UserRefs } from "./refs";
import type { Semaphore } from "./semaphore";

export interface InstanceTarget {
  bucket: Bucket;
  refs: UserRefs;
  uid: string;
  claims: ClaimBatcher;
  /** Bounds the Storage writes in flight (parsing and claiming run further ahead). */
  writes: Semaphore;
}

/**
 * Stores one instance exactly once per owner. The claim document is created,
 * never overwritten, so of two uploads of the same SOP Instance UID only one
 * wins, even when they run at the same moment. A claim that carries this very
 * `sourceKey` was made by an earlier attempt of this same upload (a
 * redelivered or retried trigger): it is finished, not reported as a duplicate.
 */
export async function storeInstance(target: InstanceTarget, read: InstanceRead, bytes: Uint8Array, sourceKey: string): Promise<"stored" | "duplicate"> {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = read.instance;
  const ours = await target.claims.claim({
    ref: target.refs.instanceClaim(SOPInstanceUID),
    data: { StudyInstanceUID, SeriesInstanceUID, sourceKey, byteLength: read.byteLength, claimedAt: new Date() },
  });
  if (!ours) return "duplicate";
  // Writing again after a crash is harmless: same path, same bytes.
  await target.writes.run(() =>
    target.bucket.file(buildInstancePath(target.uid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID)).save(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      resumable: false,
      // The client would hash every instance in JavaScript to compare with the server's hash; TLS
      // already protects the bytes in transit, and that hashing cost a third of the ingest rate.
      validation: false,
      contentType: "application/dicom",
      metadata: { metadata: { sourceKey } },
    }),
  );
  await target.writes.run(() => storeRenditions(target, read));
  return "stored";
}

/**
 * Writes the viewer's copies of a PDF or SR beside the original (read-renditions.ts)
 * and says what was written, for the stored instance's `renditions`.
 */
async function storeRenditions(target: InstanceTarget, read: InstanceRead): Promise<void> {
  const { StudyInstanceUID: study, SeriesInstanceUID: series, SOPInstanceUID: sop } = read.instance;
  const save = (rendition: "pdf" | "sr.json", bytes: Buffer, contentType: string) =>
    target.bucket.file(buildRenditionPath(target.uid, study, series, sop, rendition)).save(bytes, { resumable: false, validation: false, contentType });
  const { pdf, srContent } = read.renditions;
  if (pdf) await save("pdf", Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength), "application/pdf");
  if (srContent) await save("sr.json", Buffer.from(JSON.stringify(srContent)), "application/json");
}

/** What `storeRenditions` wrote, as the stored instance records it. */
export function describeRenditions(read: InstanceRead): InstanceRenditions | undefined {
  const { pdf, srContent } = read.renditions;
  if (!pdf && !srContent) return undefined;
  return {
    ...(pdf ? { pdfBytes: pdf.byteLength } : {}),
    ...(srContent ? { srContentBytes: Buffer.byteLength(JSON.stringify(srContent)) } : {}),
  };
}
