import { buildInstancePath, buildRenditionPath, buildViewableCopyPath, type InstanceRenditions, type ViewableCopyRecord } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import { planViewerCopy, ViewableCopyError, type InflateLimits } from "../viewable";
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
  /** Bounds on inflating a deflated data set for its viewer-ready copy; the viewable module's defaults otherwise. */
  viewableLimits?: InflateLimits;
}

export type StoreResult = { status: "duplicate" } | { status: "quota"; detail: string } | { status: "stored"; viewableCopy?: ViewableCopyRecord };

/** Firestore strings in ViewableCopyRecord are capped; a long parser message must not fail the write. */
const MAX_REASON_CHARS = 500;

/**
 * Stores one instance exactly once per owner. The claim document is created,
 * never overwritten, so of two uploads of the same SOP Instance UID only one
 * wins, even when they run at the same moment. A claim that carries this very
 * `sourceKey` was made by an earlier attempt of this same upload (a
 * redelivered or retried trigger): it is finished, not reported as a duplicate.
 * The claim also reserves the instance's bytes against the owner's quota
 * (quota.ts); one that does not fit is refused before any byte is written.
 * A file the browser viewer cannot load also gets a viewer-ready copy beside it.
 */
export async function storeInstance(target: InstanceTarget, read: InstanceRead, bytes: Uint8Array, sourceKey: string): Promise<StoreResult> {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = read.instance;
  const claim = await target.claims.claim({
    ref: target.refs.instanceClaim(SOPInstanceUID),
    data: { StudyInstanceUID, SeriesInstanceUID, sourceKey, byteLength: read.byteLength, claimedAt: new Date() },
  });
  if (claim.kind === "duplicate") return { status: "duplicate" };
  if (claim.kind === "quota") return { status: "quota", detail: claim.detail };
  // Writing again after a crash is harmless: same path, same bytes.
  await saveDicom(target, buildInstancePath(target.uid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID), bytes, { sourceKey });
  const viewableCopy = await storeViewableCopy(target, read, bytes, sourceKey);
  await target.writes.run(() => storeRenditions(target, read));
  return viewableCopy ? { status: "stored", viewableCopy } : { status: "stored" };
}

/**
 * The viewer-ready copy (docs/viewer.md), when the browser would trip over the
 * original. A copy that cannot be built is logged and recorded, never a reason
 * to fail the upload: the original is stored and downloadable, and the viewer
 * gets it as it is. A Storage failure while saving the copy does fail the
 * trigger, like any other, so that the retry writes it.
 */
async function storeViewableCopy(target: InstanceTarget, read: InstanceRead, bytes: Uint8Array, sourceKey: string): Promise<ViewableCopyRecord | undefined> {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = read.instance;
  // Nothing to draw, so nothing to copy (read-instance.ts says why).
  if (read.undrawable) return undefined;
  let reason: string | undefined;
  let copy;
  try {
    const plan = planViewerCopy(bytes, read.instance, target.viewableLimits);
    if (!plan) return undefined;
    reason = plan.reason;
    copy = await plan.build();
  } catch (error) {
    const failure = error instanceof ViewableCopyError ? error.reason : `unexpected error: ${(error as Error).message ?? String(error)}`;
    console.warn(`ingest: no viewer-ready copy of ${SOPInstanceUID} (${reason ?? "check failed"}): ${failure}`, error);
    return { reason: clip(reason ?? "the viewer check failed"), failure: clip(failure) };
  }
  await saveDicom(target, buildViewableCopyPath(target.uid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID), copy.bytes, { sourceKey, viewableCopy: "true" });
  return { reason: clip(reason), TransferSyntaxUID: copy.transferSyntaxUID, ...(copy.pixelModule ? { pixelModule: copy.pixelModule } : {}) };
}

function saveDicom(target: InstanceTarget, path: string, bytes: Uint8Array, metadata: Record<string, string>): Promise<void> {
  return target.writes.run(() =>
    target.bucket.file(path).save(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      resumable: false,
      // The client would hash every instance in JavaScript to compare with the server's hash; TLS
      // already protects the bytes in transit, and that hashing cost a third of the ingest rate.
      validation: false,
      contentType: "application/dicom",
      metadata: { metadata },
    }),
  );
}

function clip(text: string): string {
  return text.length <= MAX_REASON_CHARS ? text : `${text.slice(0, MAX_REASON_CHARS - 1)}…`;
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
