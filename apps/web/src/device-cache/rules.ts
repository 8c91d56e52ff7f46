/**
 * What the device cache may hold, decided from URLs alone (pure, shared by the
 * service worker and the Settings page). The cache is opt-in per device and
 * holds only the owner's own images: see docs/viewer.md, "Device cache (opt-in)".
 */

/** Cache Storage name; a new version of the entry format gets a new name. */
export const DEVICE_CACHE_NAME = "pacs-device-cache-v1";
/** The service worker's script, bundled by scripts/ohif/device-cache.mjs into OHIF's folder. */
export const DEVICE_CACHE_WORKER_PATH = "/ohif/device-cache-sw.js";
/** It controls the viewer's pages only, never the app's. */
export const DEVICE_CACHE_SCOPE = "/ohif/";
/** The owner's viewer manifests (docs/viewer.md, "Viewer sessions"); share manifests live elsewhere. */
export const OWN_MANIFEST_PREFIX = "/api/viewer-manifests/";
/** Written by the worker on each entry, so that the size is read without reading the bytes. */
export const ENTRY_BYTES_HEADER = "x-device-cache-bytes";

/** Object paths the viewer loads as instances: originals and viewer-ready copies, never PDFs or ZIPs. */
const INSTANCE_OBJECT = /\/instances\/[^/]+\/[^/]+\/[^/]+\/[^/]+\.dcm$/;

function parseUrl(url: string, base?: string): URL | null {
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/**
 * A GET of an instance through a V4 signed Storage URL (storage.googleapis.com in production,
 * the Storage emulator in tests). Everything else passes the worker untouched.
 */
export function isSignedInstanceRequest(method: string, url: string): boolean {
  const parsed = parseUrl(url);
  if (method !== "GET" || !parsed || !/^https?:$/.test(parsed.protocol)) return false;
  return parsed.searchParams.has("X-Goog-Signature") && INSTANCE_OBJECT.test(decodeURIComponent(parsed.pathname));
}

/**
 * The entry's key: the Storage object (origin and path), without the query string. The
 * signature, its date and expiry change at every viewer session, and `frame=` picks a frame of
 * the same file, so keying by the full URL would never hit. The path holds the owner's uid
 * (`instances/{uid}/...`), so one account's entries never answer another's manifest.
 */
export function buildStableKey(url: string): string {
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}`;
}

/**
 * True when a kept entry (its stable key) is an instance of this study: the object path is
 * `instances/{uid}/{StudyInstanceUID}/{SeriesInstanceUID}/{SOPInstanceUID}[.viewable].dcm`.
 * Deleting a study in the app removes its entries from this browser with it.
 */
export function isEntryOfStudy(key: string, studyInstanceUID: string): boolean {
  const parsed = parseUrl(key);
  if (!parsed) return false;
  const path = decodeURIComponent(parsed.pathname);
  if (!INSTANCE_OBJECT.test(path)) return false;
  const [study] = path.slice(path.lastIndexOf("/instances/") + "/instances/".length).split("/").slice(1);
  return study === studyInstanceUID;
}

/**
 * True only for the owner's viewer: an OHIF page on our origin whose manifest is the owner's
 * own (`?url=<origin>/api/viewer-manifests/<id>`). A share link's viewer
 * (`/api/share-manifests/`), an unknown page or a missing one is never served from or stored in
 * the cache: a recipient's device keeps nothing, whatever the device's setting.
 */
export function isOwnViewerPage(pageUrl: string | undefined, origin: string): boolean {
  const page = pageUrl === undefined ? null : parseUrl(pageUrl);
  if (!page || page.origin !== origin || !page.pathname.startsWith(DEVICE_CACHE_SCOPE)) return false;
  const manifests = page.searchParams.getAll("url");
  if (manifests.length !== 1) return false;
  const manifest = parseUrl(manifests[0]!, origin);
  return manifest !== null && manifest.origin === origin && manifest.pathname.startsWith(OWN_MANIFEST_PREFIX);
}
