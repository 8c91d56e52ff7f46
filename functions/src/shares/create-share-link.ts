import {
  CreateShareLinkRequest,
  formatDicomDate,
  formatPersonName,
  MAX_SHARE_LIFETIME_SECONDS,
  MIN_SHARE_LIFETIME_SECONDS,
  pinTooShortMessage,
  SHARE_EXPIRY_PRESETS,
  StudyRecord,
  type ShareLinkRecord,
} from "@pacs/shared";
import { auditLog, newAuditEntry } from "../audit/audit-log";
import { deidentifiedShareRefs, planDeidentifiedShare, startPreparing } from "../deidentified-shares";
import { ApiError, NO_STORE, parseBody, requireVerifiedCaller, type ApiRequest, type RouteResult } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { clock, SHARE_PURGE_AFTER_MS, type ShareDeps } from "./share-deps";
import { hashSharePin } from "./share-pin";
import { shareRefs, type ShareTokenRecord } from "./share-refs";
import { hashShareToken, newShareLinkId, shareLinkPath, shareTokenFor } from "./share-token";

// A custom expiry picked "30 days from now" in the browser a moment ago is still allowed.
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** When the link dies: a preset from now, or a custom moment between 5 minutes and 30 days away. */
export function resolveShareExpiry(expiry: CreateShareLinkRequest["expiry"], now: Date): Date {
  if ("preset" in expiry) return new Date(now.getTime() + SHARE_EXPIRY_PRESETS[expiry.preset] * 1000);
  const until = new Date(expiry.until);
  const ms = until.getTime() - now.getTime();
  if (ms < MIN_SHARE_LIFETIME_SECONDS * 1000) throw new ApiError(400, "Choose an expiry at least 5 minutes from now.");
  if (ms > MAX_SHARE_LIFETIME_SECONDS * 1000 + CLOCK_SKEW_MS) throw new ApiError(400, "A link can live at most 30 days. Choose an earlier expiry.");
  return new Date(Math.min(until.getTime(), now.getTime() + MAX_SHARE_LIFETIME_SECONDS * 1000));
}

/** How the owner's page names the study: their own data, never sent to recipients. */
function studyTitle(study: StudyRecord): string {
  const parts = [formatPersonName(study.PatientName) || study.PatientID, study.StudyDescription, formatDicomDate(study.StudyDate)];
  return parts.filter(Boolean).join(" · ") || study.StudyInstanceUID;
}

/**
 * `POST /api/share-links`: a new link to one of the caller's studies. The
 * answer carries the link's path once; Firestore gets only its hash.
 */
export async function createShareLink(deps: ShareDeps, request: ApiRequest): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const input = parseBody(CreateShareLinkRequest, request.body);
  const now = clock(deps);
  const expiresAt = resolveShareExpiry(input.expiry, now);
  // The PIN must outlast the guessing its link allows (share-pin-strength.ts).
  const tooShort = input.pin === undefined ? null : pinTooShortMessage(input.pin, expiresAt.getTime() - now.getTime());
  if (tooShort) throw new ApiError(400, tooShort);
  const study = await userRefs(deps.db, caller.uid).study(input.StudyInstanceUID).get();
  if (!study.exists) throw new ApiError(404, "There is no such study in your archive.");

  const linkId = newShareLinkId();
  const where = { ownerUid: caller.uid, linkId, StudyInstanceUID: input.StudyInstanceUID };
  // A de-identified link starts "preparing"; a task makes its copies (docs/deidentification.md).
  const deidentified = input.deidentify ? await planDeidentifiedShare(deps, where, input.deidentify, { now, expiresAt }) : null;
  const token = shareTokenFor(deps.shareTokenKey(), linkId);
  const purgeAt = new Date(expiresAt.getTime() + SHARE_PURGE_AFTER_MS);
  const link: ShareLinkRecord = {
    linkId,
    StudyInstanceUID: input.StudyInstanceUID,
    studyTitle: studyTitle(parseSnapshot(StudyRecord, study)),
    label: input.label || null,
    createdAt: now,
    expiresAt,
    revokedAt: null,
    maxViews: input.maxViews ?? null,
    views: 0,
    lastAccessAt: null,
    allowDownload: input.allowDownload,
    pinProtected: input.pin !== undefined,
    pinLockedUntil: null,
    purgeAt,
    deidentification: deidentified?.state ?? null,
  };
  const tokenRecord: ShareTokenRecord = {
    ownerUid: caller.uid,
    linkId,
    pinHash: input.pin === undefined ? null : await hashSharePin(input.pin),
    pinFailures: null,
    expiresAt,
    purgeAt,
  };
  const refs = shareRefs(deps.db);
  const batch = deps.db.batch();
  batch.create(refs.token(hashShareToken(token)), tokenRecord);
  batch.create(refs.link(caller.uid, linkId), link);
  // Server-only: the key that makes the copies, never in the link the owner's browser reads.
  if (deidentified) batch.create(deidentifiedShareRefs(deps.db).share(linkId), deidentified.record);
  // In the same commit: a link exists only with its entry in the owner's activity log.
  batch.create(auditLog(deps.db, caller.uid).doc(), newAuditEntry({ action: "share-link-created", actor: "owner", StudyInstanceUID: input.StudyInstanceUID, linkId }));
  await batch.commit();
  if (deidentified) await startPreparing(deps, caller.uid, linkId, expiresAt);
  return { status: 201, body: { linkId, path: shareLinkPath(token), expiresAt: expiresAt.toISOString() }, headers: NO_STORE };
}
