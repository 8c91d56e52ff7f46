import { buildInstancePath } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { InstanceRead } from "./read-instance";
import type { UserRefs } from "./refs";

const ALREADY_EXISTS = 6;

/**
 * Stores one instance exactly once per owner. The claim document is created,
 * never overwritten, so of two uploads of the same SOP Instance UID only one
 * wins, even when they run at the same moment. A claim that carries this very
 * `sourceKey` was made by an earlier attempt of this same upload (a
 * redelivered or retried trigger): it is finished, not reported as a duplicate.
 */
export async function storeInstance(
  target: { bucket: Bucket; refs: UserRefs; uid: string },
  read: InstanceRead,
  bytes: Uint8Array,
  sourceKey: string,
): Promise<"stored" | "duplicate"> {
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = read.instance;
  const claim = target.refs.instanceClaim(SOPInstanceUID);
  try {
    await claim.create({ StudyInstanceUID, SeriesInstanceUID, sourceKey, byteLength: read.byteLength, claimedAt: new Date() });
  } catch (error) {
    if ((error as { code?: number }).code !== ALREADY_EXISTS) throw error;
    const existing = await claim.get();
    if (existing.get("sourceKey") !== sourceKey) return "duplicate";
  }
  // Writing again after a crash is harmless: same path, same bytes.
  await target.bucket
    .file(buildInstancePath(target.uid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID))
    .save(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), {
      resumable: false,
      contentType: "application/dicom",
      metadata: { metadata: { sourceKey } },
    });
  return "stored";
}
