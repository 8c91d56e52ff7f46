import {
  AdminRecordPrivacyRequest,
  CreatePrivacyRequest,
  PRIVACY_CONFIRMATION_HOURS,
  PRIVACY_REQUEST_DUE_DAYS,
  PrivacyLinkToken,
  PrivacyRequest,
  RECENT_SIGN_IN_MINUTES,
  type PrivacyRequestKind,
} from "@pacs/shared";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { auditLog, newAuditEntry, recordAudit } from "../audit/audit-log";
import { privacyEmailRules, reserveEmail } from "../email/email-limits";
import { ApiError, NO_STORE, parseBody, requireCaller, type ApiRequest, type Caller, type RouteResult } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { sha256Hex } from "../sha256";
import { renderConfirmationEmail } from "./privacy-emails";
import { exportObjectPath, privacyClock, privacyRequestsRef, type PrivacyDeps } from "./privacy-deps";

const DAY_MS = 86_400_000;

/** A link token compared in constant time with its stored hash. */
function tokenMatches(token: string, storedHash: string | null): boolean {
  if (!storedHash) return false;
  return timingSafeEqual(Buffer.from(sha256Hex(token), "hex"), Buffer.from(storedHash, "hex"));
}

function newRequest(kind: PrivacyRequestKind, uid: string, email: string, source: "app" | "email", now: Date): PrivacyRequest {
  return {
    requestId: randomBytes(12).toString("base64url"),
    kind,
    uid,
    email,
    source,
    status: source === "app" ? "awaiting-confirmation" : "awaiting-verification",
    createdAt: now,
    dueAt: new Date(now.getTime() + PRIVACY_REQUEST_DUE_DAYS * DAY_MS),
    confirmTokenHash: null,
    confirmBy: null,
    confirmedAt: null,
    verifiedBy: null,
    completedAt: null,
    note: null,
    error: null,
    exportExpiresAt: null,
    downloadTokenHash: null,
  };
}

/** Deletion needs a sign-in from the last minutes, so that a session left open on a shared computer is not enough. */
export function requireRecentSignIn(caller: Pick<Caller, "authTime">, now: Date): void {
  if (now.getTime() - caller.authTime * 1000 > RECENT_SIGN_IN_MINUTES * 60_000) {
    throw new ApiError(401, "For your safety, enter your password again before deleting your account.");
  }
}

/**
 * `POST /api/privacy-requests { kind }`: the signed-in user asks for an
 * export or for deletion. Nothing runs yet: we email a confirmation link to
 * the account's address, so that a borrowed session alone cannot do either.
 * Only a verified address is mailed (an unverified one may be anybody's),
 * and only a few times a day (email/email-limits.ts).
 */
export async function createPrivacyRequest(deps: PrivacyDeps, request: ApiRequest): Promise<RouteResult> {
  const caller = await requireCaller(request, deps.verifyIdToken);
  const { kind } = parseBody(CreatePrivacyRequest, request.body);
  const now = privacyClock(deps);
  if (kind === "deletion") requireRecentSignIn(caller, now);
  if (!caller.email) throw new ApiError(400, "Your account has no email address to confirm this with. Write to us instead.");
  if (!caller.emailVerified) {
    throw new ApiError(403, "Verify your email address first: we send the confirmation there, and only to an address you have shown is yours. Use the link in the verification email, then ask again.");
  }
  const refused = await reserveEmail(deps.db, privacyEmailRules(caller.uid, caller.email), now);
  if (refused) return refused;
  const token = randomBytes(32).toString("base64url");
  const record: PrivacyRequest = {
    ...newRequest(kind, caller.uid, caller.email, "app", now),
    confirmTokenHash: sha256Hex(token),
    confirmBy: new Date(now.getTime() + PRIVACY_CONFIRMATION_HOURS * 3_600_000),
  };
  await privacyRequestsRef(deps.db).doc(record.requestId).create(record);
  const url = `${deps.appOrigin()}/confirm-request/?request=${record.requestId}&token=${token}`;
  await deps.sendEmail({ to: caller.email, ...renderConfirmationEmail(kind, url, record.confirmBy!) });
  await recordAudit(deps.db, caller.uid, { action: kind === "export" ? "data-export-requested" : "account-deletion-requested", actor: "owner" }, now);
  return { status: 201, body: { requestId: record.requestId, status: record.status, email: caller.email }, headers: NO_STORE };
}

async function readRequest(deps: PrivacyDeps, requestId: string): Promise<PrivacyRequest | null> {
  const snapshot = await privacyRequestsRef(deps.db).doc(requestId).get();
  return snapshot.exists ? parseSnapshot(PrivacyRequest, snapshot) : null;
}

const BAD_LINK = "This link is not valid. Use the newest email we sent you, or ask again from Settings.";

/**
 * `POST /api/privacy-requests/confirm { requestId, token }`: the emailed
 * link, opened. The token is the credential (it reached the account's
 * inbox), so no sign-in is needed; the function then runs the request.
 */
export async function confirmPrivacyRequest(deps: PrivacyDeps, request: ApiRequest): Promise<RouteResult> {
  const { requestId, token } = parseBody(PrivacyLinkToken, request.body);
  const now = privacyClock(deps);
  const ref = privacyRequestsRef(deps.db).doc(requestId);
  const result = await deps.db.runTransaction(async (tx) => {
    const snapshot = await tx.get(ref);
    if (!snapshot.exists) throw new ApiError(404, BAD_LINK);
    const record = parseSnapshot(PrivacyRequest, snapshot);
    if (record.status !== "awaiting-confirmation") return record;
    if (!tokenMatches(token, record.confirmTokenHash)) throw new ApiError(403, BAD_LINK);
    if (!record.confirmBy || record.confirmBy.getTime() < now.getTime()) throw new ApiError(410, "This confirmation link has expired. Ask again from Settings.");
    tx.update(ref, { status: "confirmed", confirmedAt: now, verifiedBy: "email-link", confirmTokenHash: null });
    return { ...record, status: "confirmed" as const };
  });
  return { status: 200, body: { requestId, kind: result.kind, status: result.status }, headers: NO_STORE };
}

/**
 * `POST /api/privacy-exports/download { requestId, token }`: the export
 * email's link. Works for 7 days after the export was made, then answers 410.
 */
export async function downloadExport(deps: PrivacyDeps, request: ApiRequest): Promise<RouteResult> {
  const { requestId, token } = parseBody(PrivacyLinkToken, request.body);
  const record = await readRequest(deps, requestId);
  if (!record || record.kind !== "export" || !tokenMatches(token, record.downloadTokenHash)) throw new ApiError(404, BAD_LINK);
  if (!record.exportExpiresAt || record.exportExpiresAt.getTime() <= privacyClock(deps).getTime()) {
    throw new ApiError(410, "This download link has expired: exports are kept for 7 days. Ask for a new export from Settings.");
  }
  const url = await deps.downloadSigner()(exportObjectPath(record.uid, requestId), { responseDisposition: 'attachment; filename="radiology-pacs-export.zip"' });
  return { status: 200, body: { url }, headers: NO_STORE };
}

async function requireAdmin(deps: PrivacyDeps, request: ApiRequest): Promise<Caller> {
  const caller = await requireCaller(request, deps.verifyIdToken);
  if (!caller.admin) throw new ApiError(403, "Only administrators can do this.");
  return caller;
}

/**
 * `POST /api/admin/privacy-requests { email, kind, note? }`: an
 * administrator records a request that came to the privacy address. It
 * waits for them to verify the requester before anything runs.
 */
export async function recordEmailedRequest(deps: PrivacyDeps, request: ApiRequest): Promise<RouteResult> {
  const admin = await requireAdmin(deps, request);
  const input = parseBody(AdminRecordPrivacyRequest, request.body);
  let uid: string;
  try {
    uid = (await deps.auth.getUserByEmail(input.email)).uid;
  } catch {
    throw new ApiError(404, `No account uses ${input.email}. Ask the requester which address they signed up with.`);
  }
  const now = privacyClock(deps);
  const record: PrivacyRequest = { ...newRequest(input.kind, uid, input.email, "email", now), note: input.note || null };
  await privacyRequestsRef(deps.db).doc(record.requestId).create(record);
  await recordAudit(deps.db, uid, { action: "admin-recorded-request", actor: "admin", adminUid: admin.uid }, now);
  return { status: 201, body: { requestId: record.requestId, status: record.status } };
}

/**
 * `POST /api/admin/privacy-requests/{id}/run`: the administrator has
 * verified the requester (or retries a failed run); the function runs it.
 */
export async function runVerifiedRequest(deps: PrivacyDeps, request: ApiRequest, requestId: string): Promise<RouteResult> {
  const admin = await requireAdmin(deps, request);
  const ref = privacyRequestsRef(deps.db).doc(requestId);
  const now = privacyClock(deps);
  await deps.db.runTransaction(async (tx) => {
    const snapshot = await tx.get(ref);
    if (!snapshot.exists) throw new ApiError(404, "There is no such request.");
    const record = parseSnapshot(PrivacyRequest, snapshot);
    if (!["awaiting-verification", "awaiting-confirmation", "failed"].includes(record.status)) {
      throw new ApiError(409, `This request is already ${record.status}.`);
    }
    tx.update(ref, { status: "confirmed", confirmedAt: now, verifiedBy: "admin", confirmTokenHash: null, error: null });
    // In the same step: once confirmed, a deletion may remove the account before a later write would land.
    tx.create(auditLog(deps.db, record.uid).doc(), newAuditEntry({ action: "admin-ran-request", actor: "admin", adminUid: admin.uid }, now));
  });
  return { status: 200, body: { requestId, status: "confirmed" } };
}
