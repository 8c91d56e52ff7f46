/**
 * The device cache's service worker, served as /ohif/device-cache-sw.js with scope /ohif/ (bundled
 * by scripts/ohif/device-cache.mjs). It exists only on devices where Settings switched the cache
 * on, and answers an instance GET from Cache Storage, or fetches and keeps it, only when:
 *  - the cache exists (Settings creates it; switching off, signing out and "Clear now" delete it,
 *    and a worker still running in an open tab then stores nothing more);
 *  - the request comes from the owner's viewer page (never a share link's, see rules.ts).
 * OHIF's image loader fetches instances with XHR from the page, so this worker sees them.
 */
import { buildStableKey, DEVICE_CACHE_NAME, ENTRY_BYTES_HEADER, isOwnViewerPage, isSignedInstanceRequest } from "./rules";

/** The parts of the service worker global this file uses (the app's TypeScript lib is the DOM's). */
interface FetchEventLike extends Event {
  readonly request: Request;
  readonly clientId: string;
  respondWith(response: Promise<Response>): void;
  waitUntil(promise: Promise<unknown>): void;
}
interface WorkerScope {
  readonly location: Location;
  readonly clients: { get(id: string): Promise<{ url: string } | undefined>; claim(): Promise<void> };
  skipWaiting(): Promise<void>;
  addEventListener(type: "install" | "activate", listener: (event: FetchEventLike) => void): void;
  addEventListener(type: "fetch", listener: (event: FetchEventLike) => void): void;
}

const scope = self as unknown as WorkerScope;

/** Fetched bytes become a stored entry with its size beside them (Settings sums the sizes). */
async function buildEntry(response: Response): Promise<Response> {
  const bytes = await response.arrayBuffer();
  const headers = new Headers({ "Content-Type": response.headers.get("Content-Type") ?? "application/dicom" });
  headers.set(ENTRY_BYTES_HEADER, String(bytes.byteLength));
  return new Response(bytes, { status: 200, headers });
}

async function answer(event: FetchEventLike): Promise<Response> {
  const page = event.clientId ? await scope.clients.get(event.clientId) : undefined;
  if (!isOwnViewerPage(page?.url, scope.location.origin) || !(await caches.has(DEVICE_CACHE_NAME))) return fetch(event.request);
  const cache = await caches.open(DEVICE_CACHE_NAME);
  const key = buildStableKey(event.request.url);
  const kept = await cache.match(key);
  if (kept) return kept;
  const response = await fetch(event.request);
  if (response.status !== 200) return response;
  const entry = await buildEntry(response);
  // Cloned now: the page reads the answer's body as soon as it is returned.
  const copy = entry.clone();
  // Stored only if the cache was not deleted meanwhile (switched off, cleared, signed out).
  event.waitUntil(caches.has(DEVICE_CACHE_NAME).then((on) => (on ? cache.put(key, copy) : undefined)));
  return entry;
}

scope.addEventListener("install", () => {
  void scope.skipWaiting();
});
scope.addEventListener("activate", (event) => event.waitUntil(scope.clients.claim()));
scope.addEventListener("fetch", (event) => {
  if (!isSignedInstanceRequest(event.request.method, event.request.url)) return;
  event.respondWith(answer(event));
});
