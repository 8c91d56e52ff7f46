import { ShareLinkRecord, shareLinkStatus } from "@pacs/shared";
import { buildDeidentifiedManifest, packDeidentifiedShareDownload } from "../deidentified-shares";
import { ApiError, NO_STORE, type ApiRequest, type RouteResult } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { packStudyDownload } from "../studies/download-study";
import { buildManifestFor } from "../viewer/manifest-route";
import { readSessionCookies } from "../viewer/session-cookie";
import { verifySessionTicket, type TicketClaims } from "../viewer/viewer-ticket";
import { recordRecipientAccess, visitorOf } from "./recipient-log";
import { clock, type ShareDeps } from "./share-deps";
import { SHARE_REFUSALS } from "./share-messages";
import { shareRefs } from "./share-refs";

type ShareClaims = TicketClaims & { link: string };

/**
 * A recipient's session: the ticket from an open, in the `__session` cookie
 * of the session's own path (never in the URL, which holds only the session
 * id), checked against the link on every request, so that a revoke or the
 * link's expiry ends it at once (the view was counted at the open, so a
 * reached view limit does not).
 */
async function liveSession(deps: ShareDeps, request: ApiRequest, sid: string): Promise<{ claims: ShareClaims; link: ShareLinkRecord }> {
  const claims = verifySessionTicket(deps.ticketKeys(), readSessionCookies(request.cookie), sid, clock(deps).getTime());
  if (!claims?.link) throw new ApiError(403, "This viewing session has ended. Open the shared link again.");
  const snapshot = await shareRefs(deps.db).link(claims.uid, claims.link).get();
  if (!snapshot.exists) throw new ApiError(410, SHARE_REFUSALS.unknown.error);
  const link = parseSnapshot(ShareLinkRecord, snapshot);
  const status = shareLinkStatus(link, clock(deps));
  if (status === "revoked" || status === "expired") throw new ApiError(410, SHARE_REFUSALS[status].error);
  // A session opened on ready copies that have gone since (failed or deleted) serves nothing.
  if (link.deidentification && link.deidentification.status !== "ready") throw new ApiError(410, SHARE_REFUSALS.unavailable.error);
  return { claims: { ...claims, link: claims.link }, link };
}

const sessionWhere = (claims: ShareClaims, link: ShareLinkRecord) => ({
  ownerUid: claims.uid,
  linkId: claims.link,
  StudyInstanceUID: claims.study,
  deidentified: link.deidentification !== null,
});

/** `GET /api/share-manifests/{session id}`: what OHIF loads for a recipient; its image URLs die with the link at the latest. */
export async function readShareManifest(deps: ShareDeps, request: ApiRequest, sid: string): Promise<RouteResult> {
  const { claims, link } = await liveSession(deps, request, sid);
  // A de-identified link is served its copies only, never the originals (deidentified-shares/).
  const manifest = link.deidentification
    ? await buildDeidentifiedManifest(deps, claims.uid, claims.link, { notAfter: link.expiresAt })
    : await buildManifestFor(deps, claims.uid, claims.study, { notAfter: link.expiresAt });
  await recordRecipientAccess(deps, sessionWhere(claims, link), visitorOf(request), { audit: "shared-manifest-issued" });
  return { status: 200, body: manifest, headers: NO_STORE };
}

/** `POST /api/share-downloads/{session id}`: the study as a ZIP, when the owner allowed downloading. */
export async function downloadSharedStudy(deps: ShareDeps, request: ApiRequest, sid: string): Promise<RouteResult> {
  const { claims, link } = await liveSession(deps, request, sid);
  if (!link.allowDownload) throw new ApiError(403, "The person who shared this study did not allow downloading it.");
  const packed = link.deidentification
    ? await packDeidentifiedShareDownload(deps, claims.uid, claims.link, { notAfter: link.expiresAt })
    : await packStudyDownload(deps, claims.uid, claims.study, { notAfter: link.expiresAt });
  await recordRecipientAccess(deps, sessionWhere(claims, link), visitorOf(request), { accessLog: "downloaded", audit: "shared-study-downloaded" });
  return { status: 201, body: packed, headers: NO_STORE };
}
