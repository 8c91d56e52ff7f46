import { randomBytes } from "node:crypto";

/**
 * Viewer tickets travel in a cookie, never in a URL: paths and query strings
 * reach request logs (Hosting, Cloud Run, proxies) and browser history, a
 * cookie does not. OHIF fetches its manifest with a plain GET we cannot add a
 * header to, so the cookie is what carries the credential there.
 *
 * - `__session` is the only cookie Firebase Hosting forwards to a function.
 * - `Path` is the session's own manifest (or download) address, so that two
 *   studies open in two tabs each keep their own ticket, and no other route
 *   ever receives one.
 * - `HttpOnly` keeps it from page scripts, `SameSite=Strict` from other
 *   sites' requests, `Secure` from plain HTTP (left out on the emulators only,
 *   which serve http://127.0.0.1).
 * - The id in the path is random and not a credential: without the cookie it
 *   opens nothing.
 */
export const SESSION_COOKIE = "__session";

/** 128 random bits: names one viewer session in its manifest path. */
export function newViewerSessionId(): string {
  return randomBytes(16).toString("base64url");
}

export const VIEWER_SESSION_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function buildSessionCookie(ticket: string, path: string, expiresAt: Date, options: { nowMs?: number; secure: boolean }): string {
  const maxAge = Math.max(0, Math.ceil((expiresAt.getTime() - (options.nowMs ?? Date.now())) / 1000));
  return `${SESSION_COOKIE}=${ticket}; Path=${path}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${options.secure ? "; Secure" : ""}`;
}

/** Every `__session` value in a Cookie header (a browser may send more than one when paths overlap). */
export function readSessionCookies(cookieHeader: string | undefined): string[] {
  if (!cookieHeader) return [];
  return cookieHeader
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.startsWith(`${SESSION_COOKIE}=`))
    .map((part) => part.slice(SESSION_COOKIE.length + 1))
    .filter((value) => value !== "");
}
