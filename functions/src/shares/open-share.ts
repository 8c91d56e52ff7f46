import { ShareLinkRecord, shareLinkStatus, type ShareOpenGrant, type ShareOpenRefusal } from "@pacs/shared";
import type { Transaction } from "firebase-admin/firestore";
import { z } from "zod";
import { NO_STORE, type ApiRequest, type RouteResult } from "../http/api-request";
import { sha256Hex } from "../sha256";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { activeLockout, failuresLeft, PIN_LIMITS, recordPinFailure } from "./pin-guard";
import { countShareView } from "./count-view";
import { recordRecipientAccess, visitorOf, type ShareVisitor } from "./recipient-log";
import { clock, type ShareDeps } from "./share-deps";
import { lockedMessage, pinRefusedMessage, SHARE_REFUSALS } from "./share-messages";
import { verifySharePin } from "./share-pin";
import { ShareAttemptRecord, shareRefs, ShareTokenRecord } from "./share-refs";
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

function attemptsKey(linkId: string, address: string): string {
  return sha256Hex(`${linkId}|${address}`);
}

/**
 * Checks a PIN against both lockouts and records a wrong one in the same
 * transaction, so that parallel guesses cannot slip past the count.
 * Answers null when the PIN is right.
 */
async function checkPin(deps: ShareDeps, tokenHash: string, token: ShareTokenRecord, pin: string | undefined, visitor: ShareVisitor): Promise<RouteResult | null> {
  const refs = shareRefs(deps.db);
  const attemptsRef = refs.attempts(attemptsKey(token.linkId, visitor.address));
  const now = clock(deps);
  const readAttempts = async (tx?: Transaction) => {
    const snapshot = tx ? await tx.get(attemptsRef) : await attemptsRef.get();
    return snapshot.exists ? parseSnapshot(ShareAttemptRecord, snapshot) : undefined;
  };
  const locked = activeLockout(token.pinFailures ?? undefined, now) ?? activeLockout(await readAttempts(), now);
  if (locked) return refuse("locked", { status: 429, error: lockedMessage(locked), retryAfter: locked.toISOString() });
  if (pin === undefined || pin === "") return refuse("pin-required");
  if (await verifySharePin(pin, token.pinHash!)) {
    await attemptsRef.delete();
    return null;
  }

  const outcome = await deps.db.runTransaction(async (tx) => {
    const [tokenSnapshot, addressState] = await Promise.all([tx.get(refs.token(tokenHash)), readAttempts(tx)]);
    const linkState = tokenSnapshot.exists ? (parseSnapshot(ShareTokenRecord, tokenSnapshot).pinFailures ?? undefined) : undefined;
    const nextAddress = recordPinFailure(addressState, now, PIN_LIMITS.perAddress);
    const nextLink = recordPinFailure(linkState, now, PIN_LIMITS.perLink);
    tx.set(attemptsRef, { ...nextAddress, ownerUid: token.ownerUid, expireAt: new Date(Math.max(nextAddress.windowStartedAt.getTime() + PIN_LIMITS.perAddress.windowMs, nextAddress.lockedUntil?.getTime() ?? 0)) });
    tx.update(refs.token(tokenHash), { pinFailures: nextLink });
    if (nextLink.lockedUntil) tx.update(refs.link(token.ownerUid, token.linkId), { pinLockedUntil: nextLink.lockedUntil });
    const lockedUntil = nextAddress.lockedUntil ?? nextLink.lockedUntil;
    const left = Math.min(failuresLeft(nextAddress, now, PIN_LIMITS.perAddress), failuresLeft(nextLink, now, PIN_LIMITS.perLink));
    return { lockedUntil, left };
  });
  await recordRecipientAccess(deps, { ownerUid: token.ownerUid, linkId: token.linkId }, visitor, { accessLog: outcome.lockedUntil ? "locked-out" : "pin-refused" });
  if (outcome.lockedUntil) {
    return refuse("locked", { status: 429, error: lockedMessage(outcome.lockedUntil), retryAfter: outcome.lockedUntil.toISOString() });
  }
  return refuse("pin-refused", { status: 403, error: pinRefusedMessage(outcome.left), attemptsLeft: outcome.left });
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
  const status = shareLinkStatus(parseSnapshot(ShareLinkRecord, linkSnapshot), clock(deps));
  if (status !== "active") return refuse(status);

  if (token.pinHash) {
    const pinRefusal = await checkPin(deps, tokenHash, token, parsed.data.pin, visitor);
    if (pinRefusal) return pinRefusal;
  }

  // With a limit of 1, two recipients opening at once get one view between them (count-view.ts).
  const opened = await countShareView(linkRef, () => clock(deps), linkSnapshot);
  if (opened.refused) return refuse(opened.refused);

  const { link, at: now } = opened;
  const where = { ownerUid: token.ownerUid, linkId: link.linkId, StudyInstanceUID: link.StudyInstanceUID };
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
  };
  return { status: 200, body: grant, headers: { ...NO_STORE, "Set-Cookie": cookies } };
}
