/**
 * The device cache from the app's side (Settings and sign-out): switch it on or off, measure it,
 * empty it. "On" means both: the worker is registered for /ohif/ and its Cache Storage entry
 * exists. Off by default: nothing is registered until the user switches it on.
 */
import { DEVICE_CACHE_NAME, DEVICE_CACHE_SCOPE, DEVICE_CACHE_WORKER_PATH, ENTRY_BYTES_HEADER, isEntryOfStudy } from "@/device-cache/rules";

export class DeviceCacheError extends Error {
  override name = "DeviceCacheError";
}

export interface DeviceCacheState {
  on: boolean;
  /** Bytes of the kept image files, and how many. */
  bytes: number;
  entries: number;
}

function isSupported(): boolean {
  return typeof navigator !== "undefined" && "serviceWorker" in navigator && typeof caches !== "undefined";
}

async function findRegistration(): Promise<ServiceWorkerRegistration | undefined> {
  const registrations = await navigator.serviceWorker.getRegistrations();
  const scope = new URL(DEVICE_CACHE_SCOPE, window.location.origin).href;
  return registrations.find((registration) => registration.scope === scope);
}

/** Sums the size each entry carries; an entry without one is read to count its bytes. */
async function measureEntries(): Promise<{ bytes: number; entries: number }> {
  if (!(await caches.has(DEVICE_CACHE_NAME))) return { bytes: 0, entries: 0 };
  const cache = await caches.open(DEVICE_CACHE_NAME);
  let bytes = 0;
  const keys = await cache.keys();
  for (const key of keys) {
    const entry = await cache.match(key);
    const size = Number(entry?.headers.get(ENTRY_BYTES_HEADER));
    bytes += Number.isFinite(size) && size > 0 ? size : ((await entry?.blob())?.size ?? 0);
  }
  return { bytes, entries: keys.length };
}

export async function readDeviceCacheState(): Promise<DeviceCacheState> {
  if (!isSupported()) return { on: false, bytes: 0, entries: 0 };
  const [registration, on] = await Promise.all([findRegistration(), caches.has(DEVICE_CACHE_NAME)]);
  return { on: Boolean(registration) && on, ...(await measureEntries()) };
}

/**
 * Resolves once the worker is active, so that the next viewer opened is already controlled.
 * (`navigator.serviceWorker.ready` would wait forever: Settings is outside the worker's scope.)
 */
function waitUntilActive(registration: ServiceWorkerRegistration): Promise<void> {
  const worker = registration.installing ?? registration.waiting;
  if (!worker) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (worker.state === "activated") resolve();
    worker.addEventListener("statechange", () => {
      if (worker.state === "activated") resolve();
      if (worker.state === "redundant") reject(new DeviceCacheError("the service worker was replaced or failed to install"));
    });
  });
}

/** Creates the cache and registers the worker; it controls viewer pages opened from now on. */
export async function switchDeviceCacheOn(): Promise<void> {
  if (!isSupported()) throw new DeviceCacheError("This browser cannot keep studies on the device (no service workers or Cache Storage).");
  await caches.open(DEVICE_CACHE_NAME);
  try {
    const registration = await navigator.serviceWorker.register(DEVICE_CACHE_WORKER_PATH, { scope: DEVICE_CACHE_SCOPE });
    await waitUntilActive(registration);
  } catch (error) {
    await caches.delete(DEVICE_CACHE_NAME);
    throw new DeviceCacheError(`The device cache could not be switched on: ${(error as Error).message}`, { cause: error });
  }
}

/** Deletes every kept image; the setting stays as it was. */
export async function clearDeviceCache(): Promise<void> {
  if (!isSupported()) return;
  const on = await caches.has(DEVICE_CACHE_NAME);
  await caches.delete(DEVICE_CACHE_NAME);
  if (on) await caches.open(DEVICE_CACHE_NAME);
}

/** Deletes the kept images of one study (after the study was deleted on the server). */
export async function forgetStudyOnDevice(studyInstanceUID: string): Promise<number> {
  if (!isSupported() || !(await caches.has(DEVICE_CACHE_NAME))) return 0;
  const cache = await caches.open(DEVICE_CACHE_NAME);
  const doomed = (await cache.keys()).filter((request) => isEntryOfStudy(request.url, studyInstanceUID));
  await Promise.all(doomed.map((request) => cache.delete(request)));
  return doomed.length;
}

/**
 * Deletes every kept image and unregisters the worker. Sign-out calls it too: the next person to
 * sign in on this device starts with the cache off and empty.
 */
export async function switchDeviceCacheOff(): Promise<void> {
  if (!isSupported()) return;
  await caches.delete(DEVICE_CACHE_NAME);
  await (await findRegistration())?.unregister();
}
