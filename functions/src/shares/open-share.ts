import { ShareLinkRecord, shareLinkStatus, type ShareOpenGrant, type ShareOpenRefusal } from "@pacs/shared";
import { z } from "zod";
import { NO_STORE, type ApiRequest, type RouteResult } from "../http/api-request";
import { sha256Hex } from "../sha256";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { checkPin, pinLockout } from "./pin-check";
import { firestorePinCounters } from "./pin-counters";
import { countShareView } from "./count-view";
import { recordRecipientAccess, visitorOf, type ShareVisitor } from "./recipient-log";
import { clock, type ShareDeps } from "./share-deps";
import { lockedMessage, pinRefusedMessage, SHARE_REFUSALS } from "./share-messages";
import { verifySharePin } from "./share-pin";
import { shareRefs, ShareTokenRecord } from "./share-refs";
import { hashShareToken, SHARE_TOKEN_PATTERN } from "./share-token";
import { issueViewerTicket } from "../viewer/viewer-ticket";
import { buildSessionCookie, newViewerSessionId } from "../viewer/session-cookie";
import { secureCookies } from "../config";

/** The token travels in the body, not the path, so that it stays out of request logs. */
const OpenShareBody = z.object({ token: z.string(), pin: z.string().max(64).optional() });

/** How long the recipient's viewer session lasts, unless the link ends sooner. */
export const SHARE_SESSION_SECONDS = 30 * 60;

function refuse(state: ShareOpenRefusal["state"], extra: Partial<ShareOpenRefusal> & { status?: number } = {}): RouteResult {
  const { status, ...fields } = extra;
  const known = state in SHARE_REFUSALS ? SHARE_REFUSALS[state as keyof typeof SHARE_REFUSALS] : undefined;
  const body: ShareOpenRefusal = { state, error: fields.error ?? known?.error ?? "", ...fields };
  return { status: status ?? known?.status ?? 403, body, headers: NO_STORE };
}

/** Guesses from callers without a trustworthy address share one count per link (client-info.ts): fail closed. */
function attemptsKey(linkId: string, visitor: ShareVisitor): string {
  return sha256Hex(`${linkId}|${visitor.addressTrusted ? visitor.address : "untrusted"}`);
}

const BUSY_MESSAGE = "Many people are trying this link at this moment. Please try again in a few seconds.";

/**
 * Checks a PIN against both lockouts (pin-check.ts counts the guess before
 * checking it, so that parallel guesses cannot slip past the count).
 * Answers null when the PIN is right.
 */
async function checkSharePin(deps: ShareDeps, tokenHash: string, token: ShareTokenRecord, pin: string | undefined, visitor: ShareVisitor, deidentified: boolean): Promise<RouteResult | null> {
  const counters = firestorePinCounters(deps.db, { tokenHash, attemptsKey: attemptsKey(token.linkId, visitor), ownerUid: token.ownerUid, linkId: token.linkId });
  const now = clock(deps);
  if (pin === undefined || pin === "") {
    const locked = await pinLockout(counters, now);
    return locked ? refuse("locked", { status: 429, error: lockedMessage(locked), retryAfter: locked.toISOString() }) : refuse("pin-required");
  }
  const check = await checkPin(counters, () => verifySharePin(pin, token.pinHash!), now);
  if (check.outcome === "right") return null;
  if (check.outcome === "busy") return { status: 503, body: { error: BUSY_MESSAGE }, headers: NO_STORE };
  // Only guesses that were looked at reach the access log: refusals unseen are not attempts.
  if (check.outcome === "refused" || check.evaluated) {
    await recordRecipientAccess(deps, { ownerUid: token.ownerUid, linkId: token.linkId, deidentified }, visitor, { accessLog: check.outcome === "locked" ? "locked-out" : "pin-refused" });
  }
  if (check.outcome === "locked") return refuse("locked", { status: 429, error: lockedMessage(check.until), retryAfter: check.until.toISOString() });
  return refuse("pin-refused", { status: 403, error: pinRefusedMessage(check.attemptsLeft), attemptsLeft: check.attemptsLeft });
}

/**
 * `POST /api/shares/open` `{ token, pin? }`: anyone holding a link opens it
 * here, without an account. A live link with the right PIN counts one view,
 * is logged, and answers with a manifest path for the viewer; every other
 * case answers with a state and a message that reveal nothing of the study.
 */
export async function openShare(deps: ShareDeps, request: ApiRequest): Promise<RouteResult> {
  const parsed = OpenShareBody.safeParse(request.body);
  if (!parsed.success || !SHARE_TOKEN_PATTERN.test(parsed.data.token)) return refuse("unknown");
  const visitor = visitorOf(request);
  const refs = shareRefs(deps.db);
  const tokenHash = hashShareToken(parsed.data.token);
  const tokenSnapshot = await refs.token(tokenHash).get();
  if (!tokenSnapshot.exists) return refuse("unknown");
  const token = parseSnapshot(ShareTokenRecord, tokenSnapshot);
  const linkRef = refs.link(token.ownerUid, token.linkId);
  const linkSnapshot = await linkRef.get();
  if (!linkSnapshot.exists) return refuse("unknown");
  const current = parseSnapshot(ShareLinkRecord, linkSnapshot);
  const status = shareLinkStatus(current, clock(deps));
  if (status !== "active") return refuse(status);
  // A de-identified link opens only once its copies are made: nothing is counted or logged before.
  const copies = current.deidentification?.status;
  if (copies === "preparing") return refuse("preparing");
  if (copies === "failed" || copies === "deleted") return refuse("unavailable");
  const deidentified = current.deidentification !== null;

  if (token.pinHash) {
    const pinRefusal = await checkSharePin(deps, tokenHash, token, parsed.data.pin, visitor, deidentified);
    if (pinRefusal) return pinRefusal;
  }

  // With a limit of 1, two recipients opening at once get one view between them (count-view.ts).
  const opened = await countShareView(linkRef, () => clock(deps), linkSnapshot);
  if (opened.refused) return refuse(opened.refused);

  const { link, at: now } = opened;
  const where = { ownerUid: token.ownerUid, linkId: link.linkId, StudyInstanceUID: link.StudyInstanceUID, deidentified };
  await recordRecipientAccess(deps, where, visitor, { accessLog: "opened", audit: "share-link-opened" }, now);
  // The ticket rides in `__session` cookies scoped to the session's own paths; the paths hold only the random id (session-cookie.ts).
  const sid = newViewerSessionId();
  const scope = { link: link.linkId, ttlSeconds: SHARE_SESSION_SECONDS, notAfterMs: link.expiresAt.getTime(), sid };
  const { ticket, expiresAt } = issueViewerTicket(deps.ticketKeys(), token.ownerUid, link.StudyInstanceUID, now.getTime(), scope);
  const manifestPath = `/api/share-manifests/${sid}`;
  const downloadPath = link.allowDownload ? `/api/share-downloads/${sid}` : null;
  const cookies = [manifestPath, ...(downloadPath ? [downloadPath] : [])].map((path) => buildSessionCookie(ticket, path, expiresAt, { nowMs: now.getTime(), secure: secureCookies }));
  const ownerName: unknown = (await userRefs(deps.db, token.ownerUid).user.get()).get("displayName");
  const grant: ShareOpenGrant = {
    state: "open",
    manifestPath,
    downloadPath,
    expiresAt: expiresAt.toISOString(),
    sharedBy: typeof ownerName === "string" && ownerName ? ownerName : "A Radiology PACS user",
    deidentified,
  };
  return { status: 200, body: grant, headers: { ...NO_STORE, "Set-Cookie": cookies } };
}
