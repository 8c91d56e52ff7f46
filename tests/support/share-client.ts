/**
 * Share links over HTTP, as the web app and a recipient's browser call them,
 * through the Hosting emulator's `/api` rewrite.
 */
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { webUrl } from "./emulators";
import { db, uploadBatch, type Uploader } from "./ingest-client";

export interface Answer {
  status: number;
  body: any;
}

/**
 * The cookies a browser would keep for the app's origin, by path: viewer
 * tickets arrive as `__session` cookies scoped to the session's manifest or
 * download path (functions/src/viewer/session-cookie.ts), and go back only there.
 */
const cookieJar = new Map<string, string>();

export function rememberCookies(response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair = "", ...attributes] = header.split(";").map((part) => part.trim());
    const path = attributes.find((a) => a.toLowerCase().startsWith("path="))?.slice(5) ?? "/";
    if (/max-age=0\b/i.test(header)) cookieJar.delete(path);
    else cookieJar.set(path, pair);
  }
}

/** The Cookie header a browser sends to `path`: every cookie whose Path is `path` or a folder above it. */
export function cookiesFor(path: string): string | undefined {
  const pathname = path.split("?")[0]!;
  const matching = [...cookieJar].filter(([scope]) => pathname === scope || pathname.startsWith(scope.endsWith("/") ? scope : `${scope}/`));
  return matching.length ? matching.map(([, pair]) => pair).join("; ") : undefined;
}

async function send(path: string, init: { method: string; user?: Uploader; body?: unknown; headers?: Record<string, string> }): Promise<Answer> {
  const cookie = cookiesFor(path);
  const response = await fetch(webUrl(path), {
    method: init.method,
    headers: {
      ...(init.user ? { Authorization: `Bearer ${init.user.idToken}` } : {}),
      ...(init.body !== undefined ? { "Content-Type": "application/json" } : {}),
      ...(cookie ? { Cookie: cookie } : {}),
      ...init.headers,
    },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  rememberCookies(response);
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** A request with exactly these headers, outside the jar: to show what a session id opens without its cookie. */
export async function sendRaw(path: string, init: { method: string; headers?: Record<string, string> }): Promise<Answer> {
  const response = await fetch(webUrl(path), init);
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** The ticket the jar holds for `path` (the `__session` cookie's value). */
export function ticketFor(path: string): string | undefined {
  return cookiesFor(path)?.match(/__session=([^;]+)/)?.[1];
}

export function openViewerSession(owner: Uploader, studyUID: string): Promise<Answer> {
  return send(`/api/studies/${studyUID}/viewer-session`, { method: "POST", user: owner });
}

/** An uploaded study of `owner`, small enough to ingest in a second or two. */
export async function uploadSmallStudy(owner: Uploader, instances = 2) {
  const study = buildStudy({ series: [{ instances }] });
  await uploadBatch(owner, [{ relativePath: "s.zip", bytes: await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes]))) }]);
  return study;
}

export function createShareLink(owner: Uploader, body: Record<string, unknown>): Promise<Answer> {
  return send("/api/share-links", { method: "POST", user: owner, body: { expiry: { preset: "24h" }, ...body } });
}

export function tokenOf(path: string): string {
  return path.replace(/^\/s\//, "");
}

/**
 * A recipient opening a link. `address` stands in for the address Google's
 * front end appends to X-Forwarded-For in production (client-info.ts): the
 * emulators have no front end, so the test appends it. `headers` adds
 * anything else a caller may send, forged headers included.
 */
export function openShare(token: string, options: { pin?: string; address?: string; userAgent?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return send("/api/shares/open", {
    method: "POST",
    body: { token, ...(options.pin !== undefined ? { pin: options.pin } : {}) },
    headers: {
      ...(options.address ? { "x-forwarded-for": options.address } : {}),
      ...(options.userAgent ? { "User-Agent": options.userAgent } : {}),
      ...options.headers,
    },
  });
}

export function revokeShare(owner: Uploader, linkId: string): Promise<Answer> {
  return send(`/api/share-links/${linkId}/revoke`, { method: "POST", user: owner });
}

export function copyShare(user: Uploader, linkId: string): Promise<Answer> {
  return send(`/api/share-links/${linkId}/link`, { method: "GET", user });
}

export function getPath(path: string, user?: Uploader): Promise<Answer> {
  return send(path, { method: "GET", ...(user ? { user } : {}) });
}

export function postPath(path: string): Promise<Answer> {
  return send(path, { method: "POST" });
}

export function shareLinkDoc(ownerUid: string, linkId: string) {
  return db.collection("users").doc(ownerUid).collection("shareLinks").doc(linkId);
}

/** Time passes for a link: its expiry moves into the past, as the clock would move it. */
export async function expireShareLink(ownerUid: string, linkId: string): Promise<void> {
  await shareLinkDoc(ownerUid, linkId).update({ expiresAt: new Date(Date.now() - 1000) });
}
