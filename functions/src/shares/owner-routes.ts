import { ShareLinkRecord, shareLinkStatus } from "@pacs/shared";
import { z } from "zod";
import { auditLog, newAuditEntry, recordAudit } from "../audit/audit-log";
import { deleteDeidentifiedCopies } from "../deidentified-shares";
import { reserveEmail, shareEmailRules } from "../email/email-limits";
import { renderShareLinkEmail } from "../email/share-link-email";
import { ApiError, NO_STORE, parseBody, requireVerifiedCaller, type ApiRequest, type RouteResult } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { clock, type ShareDeps } from "./share-deps";
import { shareRefs } from "./share-refs";
import { userRefs } from "../ingest/refs";
import { hashShareToken, shareLinkPath, shareTokenFor } from "./share-token";

const NOT_FOUND = "There is no such shared link.";

/** The caller's own link; another user's link is "not found", so that its existence is not revealed. */
async function ownLink(deps: ShareDeps, request: ApiRequest, linkId: string) {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const ref = shareRefs(deps.db).link(caller.uid, linkId);
  const snapshot = await ref.get();
  if (!snapshot.exists) throw new ApiError(404, NOT_FOUND);
  return { caller, ref, link: parseSnapshot(ShareLinkRecord, snapshot) };
}

/** The link's address again, derived from its id; refused after a key rotation (see below). */
async function derivedPath(deps: ShareDeps, linkId: string): Promise<string> {
  const token = shareTokenFor(deps.shareTokenKey(), linkId);
  // After a key rotation the derived token no longer matches; the old link still opens, but cannot be rebuilt.
  if (!(await shareRefs(deps.db).token(hashShareToken(token)).get()).exists) {
    throw new ApiError(409, "This link was made with an earlier key and can no longer be copied. Create a new link.");
  }
  return shareLinkPath(token);
}

/**
 * `POST /api/share-links/{linkId}/revoke`: the link stops working at once.
 * New opens get the "revoked" page and manifests already handed out are
 * refused, because both read the link on every request. A de-identified
 * link's copies are deleted with it.
 */
export async function revokeShareLink(deps: ShareDeps, request: ApiRequest, linkId: string): Promise<RouteResult> {
  const { caller, ref, link } = await ownLink(deps, request, linkId);
  const revokedAt = link.revokedAt ?? clock(deps);
  if (!link.revokedAt) {
    // One commit: the revoke and its entry in the owner's activity log land together.
    const batch = deps.db.batch();
    batch.update(ref, { revokedAt });
    batch.create(auditLog(deps.db, caller.uid).doc(), newAuditEntry({ action: "share-link-revoked", actor: "owner", StudyInstanceUID: link.StudyInstanceUID, linkId }, revokedAt));
    await batch.commit();
  }
  // After the revoke, so that the link stops opening first; run again by a second revoke if it failed part-way.
  if (link.deidentification) await deleteDeidentifiedCopies(deps, caller.uid, linkId);
  return { status: 200, body: { linkId, revokedAt: revokedAt.toISOString() } };
}

/**
 * `GET /api/share-links/{linkId}/link`: the link's address again, for the
 * Copy button. The token is derived anew; it was never stored.
 */
export async function readShareLinkPath(deps: ShareDeps, request: ApiRequest, linkId: string): Promise<RouteResult> {
  await ownLink(deps, request, linkId);
  return { status: 200, body: { path: await derivedPath(deps, linkId) }, headers: NO_STORE };
}

const EmailShareLinkBody = z.object({ to: z.email("Enter the recipient's email address."), note: z.string().trim().max(1000).optional() });

/**
 * `POST /api/share-links/{linkId}/email { to, note? }`: sends the link from
 * the app. The email names the owner and their note, never the study, and
 * never the PIN: that goes by another way. Limited per sender and per
 * recipient (email/email-limits.ts), so that the app cannot be used to
 * flood an inbox; a refusal is a 429 that says when to try again.
 */
export async function emailShareLink(deps: ShareDeps, request: ApiRequest, linkId: string): Promise<RouteResult> {
  const { caller, link } = await ownLink(deps, request, linkId);
  const { to, note } = parseBody(EmailShareLinkBody, request.body);
  if (shareLinkStatus(link, clock(deps)) !== "active") throw new ApiError(409, "This link no longer opens, so it cannot be sent. Create a new one.");
  const url = `${deps.appOrigin()}${await derivedPath(deps, linkId)}`;
  const ownerName: unknown = (await userRefs(deps.db, caller.uid).user.get()).get("displayName");
  const senderName = typeof ownerName === "string" && ownerName ? ownerName : (caller.email ?? "A Radiology PACS user");
  const email = renderShareLinkEmail({ senderName, ...(note ? { note } : {}), url, expiresAt: link.expiresAt });
  const now = clock(deps);
  const refused = await reserveEmail(deps.db, shareEmailRules(caller.uid, to), now);
  if (refused) return refused;
  // Recorded before it goes: an email that may have left is always on record.
  await recordAudit(deps.db, caller.uid, { action: "share-link-emailed", actor: "owner", StudyInstanceUID: link.StudyInstanceUID, linkId, recipient: to }, now);
  await deps.sendEmail({ to, ...email });
  return { status: 202, body: { sent: to } };
}
