import { CreateUploadBatchRequest, formatBytes, SealUploadBatchRequest, UploadBatchId } from "@pacs/shared";
import { recordAudit } from "../audit/audit-log";
import type { Firestore } from "firebase-admin/firestore";
import { randomUUID } from "node:crypto";
import { ApiError, parseBody, requireVerifiedCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { finishBatch, newBatch, sealBatch } from "../ingest/batch-record";
import { userRefs } from "../ingest/refs";

export interface UploadRoutesDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  defaultQuotaBytes: number;
  now?: () => Date;
}

/**
 * `POST /api/uploads`: announces a batch before any byte is sent, so that an
 * upload that cannot fit the quota is refused up front, not after an hour.
 */
export async function createUploadBatch(deps: UploadRoutesDeps, request: ApiRequest): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const { files } = parseBody(CreateUploadBatchRequest, request.body);
  const refs = userRefs(deps.db, caller.uid);
  const user = await refs.user.get();
  const used = Number(user.get("usedBytes") ?? 0);
  const quota = Number(user.get("quotaBytes") ?? deps.defaultQuotaBytes);
  const declaredBytes = files.reduce((sum, file) => sum + file.size, 0);
  if (used + declaredBytes > quota) {
    const free = Math.max(0, quota - used);
    throw new ApiError(413, `This upload (${formatBytes(declaredBytes)}) does not fit in your storage: ${formatBytes(used)} of ${formatBytes(quota)} used, ${formatBytes(free)} free. Delete studies you no longer need, or upload fewer files.`);
  }
  // Unguessable, so that a batch id in a URL or log says nothing about others.
  const batchId = randomUUID().replace(/-/g, "");
  const now = deps.now?.() ?? new Date();
  await refs.batch(batchId).create(newBatch({ declaredFiles: files.length, declaredBytes, uploadedFiles: null }, now));
  await recordAudit(deps.db, caller.uid, { action: "upload-started", actor: "owner", batchId, files: files.length }, now);
  return { status: 201, body: { batchId } };
}

/** `POST /api/uploads/{batchId}/seal`: the browser has sent all it will send. */
export async function sealUploadBatch(deps: UploadRoutesDeps, request: ApiRequest, batchId: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  if (!UploadBatchId.safeParse(batchId).success) throw new ApiError(404, "There is no such upload.");
  const { uploadedFileIds } = parseBody(SealUploadBatchRequest, request.body);
  const refs = userRefs(deps.db, caller.uid);
  const now = deps.now ?? (() => new Date());
  const state = await sealBatch(deps.db, refs, batchId, uploadedFileIds.length, now());
  if (state === "missing") throw new ApiError(404, "There is no such upload.");
  if (state === "complete") await finishBatch(deps.db, refs, batchId, now());
  return { status: 200, body: { batchId, state: state === "complete" ? "done" : "processing" } };
}
