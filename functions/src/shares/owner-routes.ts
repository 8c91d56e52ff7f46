import { ShareLinkRecord } from "@pacs/shared";
import { ApiError, requireVerifiedCaller, type ApiRequest, type RouteResult } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { clock, type ShareDeps } from "./share-deps";
import { shareRefs } from "./share-refs";
import { hashShareToken, shareLinkPath, shareTokenFor } from "./share-token";

const NOT_FOUND = "There is no such shared link.";

/** The caller's own link; another user's link is "not found", so that its existence is not revealed. */
async function ownLink(deps: ShareDeps, request: ApiRequest, linkId: string) {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const ref = shareRefs(deps.db).link(caller.uid, linkId);
  const snapshot = await ref.get();
  if (!snapshot.exists) throw new ApiError(404, NOT_FOUND);
  return { ref, link: parseSnapshot(ShareLinkRecord, snapshot) };
}

/**
 * `POST /api/share-links/{linkId}/revoke`: the link stops working at once.
 * New opens get the "revoked" page and manifests already handed out are
 * refused, because both read the link on every request.
 */
export async function revokeShareLink(deps: ShareDeps, request: ApiRequest, linkId: string): Promise<RouteResult> {
  const { ref, link } = await ownLink(deps, request, linkId);
  const revokedAt = link.revokedAt ?? clock(deps);
  if (!link.revokedAt) await ref.update({ revokedAt });
  return { status: 200, body: { linkId, revokedAt: revokedAt.toISOString() } };
}

/**
 * `GET /api/share-links/{linkId}/link`: the link's address again, for the
 * Copy button. The token is derived anew; it was never stored.
 */
export async function readShareLinkPath(deps: ShareDeps, request: ApiRequest, linkId: string): Promise<RouteResult> {
  await ownLink(deps, request, linkId);
  const token = shareTokenFor(deps.shareTokenKey(), linkId);
  // After a key rotation the derived token no longer matches; the old link still opens, but cannot be rebuilt.
  if (!(await shareRefs(deps.db).token(hashShareToken(token)).get()).exists) {
    throw new ApiError(409, "This link was made with an earlier key and can no longer be copied. Create a new link.");
  }
  return { status: 200, body: { path: shareLinkPath(token) }, headers: { "Cache-Control": "private, no-store" } };
}
