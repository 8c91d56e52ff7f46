import { DicomUID, StudyRecord } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import { FieldValue, type Firestore } from "firebase-admin/firestore";
import { recordAudit } from "../audit/audit-log";
import { deleteDeidentifiedCopies } from "../deidentified-shares";
import { ApiError, requireVerifiedCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";

export interface DeleteStudyDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  instancesBucket: () => Bucket;
}

/**
 * `DELETE /api/studies/{StudyInstanceUID}`: removes one of the caller's
 * studies for good — its stored instances, prepared downloads, instance
 * chunks, ingest markers, instance claims and the de-identified copies of its links — and gives its bytes back to the quota. The record
 * goes last: if anything fails part-way, it is still there, and deleting
 * again finishes the job.
 */
export async function deleteStudy(deps: DeleteStudyDeps, request: ApiRequest, studyUID: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  if (!DicomUID.safeParse(studyUID).success) throw new ApiError(404, "There is no such study in your archive.");
  const refs = userRefs(deps.db, caller.uid);
  const studyRef = refs.study(studyUID);
  const snapshot = await studyRef.get();
  if (!snapshot.exists) throw new ApiError(404, "There is no such study in your archive.");
  const record = parseSnapshot(StudyRecord, snapshot);
  // Before anything goes, so that a deletion that dies part-way is still on record.
  await recordAudit(deps.db, caller.uid, { action: "study-deleted", actor: "owner", StudyInstanceUID: studyUID });

  // First, so that nobody opens a shared link to images that are going away.
  const shares = await refs.user.collection("shareLinks").where("StudyInstanceUID", "==", studyUID).get();
  await Promise.all(shares.docs.filter((share) => share.get("revokedAt") === null).map((share) => share.ref.update({ revokedAt: new Date() })));
  // Revoked links too: a revoke that died before deleting its copies leaves them to this.
  for (const share of shares.docs) if (share.get("deidentification")) await deleteDeidentifiedCopies(deps, caller.uid, share.id);
  await deps.instancesBucket().deleteFiles({ prefix: `instances/${caller.uid}/${studyUID}/`, force: true });
  await deps.instancesBucket().deleteFiles({ prefix: `downloads/${caller.uid}/${studyUID}/`, force: true });
  const claims = await refs.user.collection("instances").where("StudyInstanceUID", "==", studyUID).get();
  const writer = deps.db.bulkWriter();
  for (const claim of claims.docs) void writer.delete(claim.ref);
  await writer.close();
  await deps.db.recursiveDelete(studyRef.collection("instanceChunks"));
  await deps.db.recursiveDelete(studyRef.collection("sources"));
  // Last, and once: the record goes and its bytes return to the quota together.
  await deps.db.runTransaction(async (tx) => {
    const current = await tx.get(studyRef);
    if (!current.exists) return;
    tx.set(refs.user, { usedBytes: FieldValue.increment(-parseSnapshot(StudyRecord, current).totalBytes) }, { merge: true });
    tx.delete(studyRef);
  });
  return { status: 200, body: { deleted: studyUID, freedBytes: record.totalBytes } };
}
