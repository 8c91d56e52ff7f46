/** Share links from the browser: the owner's actions, and a recipient opening a link. */
import { ShareOpenGrant, ShareOpenRefusal, type CreateShareLinkRequest } from "@pacs/shared";
import { z } from "zod";
import { ApiCallError, callApi } from "./api-call";
import type { TokenSource } from "./uploads-api";

const CreatedShareLink = z.object({ linkId: z.string(), path: z.string().startsWith("/s/"), expiresAt: z.string() });
export type CreatedShareLink = z.infer<typeof CreatedShareLink>;

/** The address people open: this site's origin and the link's path. */
export function shareUrl(origin: string, path: string): string {
  return `${origin}${path}`;
}

export async function createShareLink(user: TokenSource, request: CreateShareLinkRequest, fetchFn?: typeof fetch): Promise<CreatedShareLink> {
  const body = await callApi({ method: "POST", path: "/api/share-links", user, body: request, doing: "create the link", fetchFn });
  return CreatedShareLink.parse(body);
}

export async function revokeShareLink(user: TokenSource, linkId: string, fetchFn?: typeof fetch): Promise<void> {
  await callApi({ method: "POST", path: `/api/share-links/${encodeURIComponent(linkId)}/revoke`, user, doing: "turn the link off", fetchFn });
}

/** The link's path again (the Copy button on the Shared links page). */
export async function readShareLinkPath(user: TokenSource, linkId: string, fetchFn?: typeof fetch): Promise<string> {
  const body = await callApi({ method: "GET", path: `/api/share-links/${encodeURIComponent(linkId)}/link`, user, doing: "copy the link", fetchFn });
  return z.object({ path: z.string().startsWith("/s/") }).parse(body).path;
}

export type ShareOpenResult = ShareOpenGrant | ShareOpenRefusal;

/**
 * A recipient opens a link. Refusals (expired, wrong PIN...) are answers,
 * not errors: the page shows each one. Only a broken connection throws.
 */
export async function openSharedLink(token: string, pin: string | undefined, fetchFn?: typeof fetch): Promise<ShareOpenResult> {
  try {
    return ShareOpenGrant.parse(await callApi({ method: "POST", path: "/api/shares/open", body: { token, ...(pin ? { pin } : {}) }, doing: "open the link", fetchFn }));
  } catch (error) {
    if (error instanceof ApiCallError) {
      const refusal = ShareOpenRefusal.safeParse(error.body);
      if (refusal.success) return refusal.data;
    }
    throw error;
  }
}

/** `POST /api/share-downloads/{ticket}`: the shared study as a ZIP, when its owner allowed it. */
export async function requestSharedDownload(downloadPath: string, fetchFn?: typeof fetch): Promise<string> {
  const body = await callApi({ method: "POST", path: downloadPath, doing: "prepare the download", fetchFn });
  return z.object({ url: z.string().url() }).parse(body).url;
}

/** The token in `/s/<token>` (with or without a trailing slash), or null. */
export function tokenFromSharePath(pathname: string): string | null {
  const match = /^\/s\/([A-Za-z0-9_-]+)\/?$/.exec(pathname);
  return match ? match[1]! : null;
}

/** `POST /api/share-links/{linkId}/email`: the app emails the link (never the PIN) to a recipient. */
export async function emailShareLink(user: TokenSource, linkId: string, to: string, note: string, fetchFn?: typeof fetch): Promise<void> {
  await callApi({
    method: "POST",
    path: `/api/share-links/${encodeURIComponent(linkId)}/email`,
    user,
    body: { to, ...(note.trim() ? { note: note.trim() } : {}) },
    doing: "send the email",
    fetchFn,
  });
}
