/**
 * The visitor's cookie choice, kept in localStorage under `tracking-consent`.
 * Pure: the storage and the window are parameters, so tests pass fakes.
 */
import {
  TRACKING_CONSENT_KEY,
  TRACKING_CONSENT_VERSION,
  TrackingConsent,
  type TrackingChoice,
} from "@pacs/shared";

/** The parts of `window` the store uses. */
export interface ConsentEnvironment {
  storage: Pick<Storage, "getItem" | "setItem">;
  /** Receives `storage` events when another tab changes the choice. */
  events: Pick<EventTarget, "addEventListener" | "removeEventListener">;
}

export interface TrackingConsentStore {
  /** The current choice, or null when none is made; the same object until it changes. */
  read(): TrackingConsent | null;
  /** Saves a choice and tells every subscriber at once. */
  decide(choice: TrackingChoice): TrackingConsent;
  /** Calls `listener` after every change, in this tab or another; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/**
 * A stored value that is not JSON, not our schema or of another version means
 * "no choice yet" by design: the banner then asks again.
 */
export function parseTrackingConsent(raw: string | null): TrackingConsent | null {
  if (raw === null) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = TrackingConsent.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** The value saved for a choice made at `now`. */
export function buildTrackingConsent(choice: TrackingChoice, now: Date): TrackingConsent {
  return {
    version: TRACKING_CONSENT_VERSION,
    necessary: true,
    analytics: choice.analytics,
    advertising: choice.advertising,
    decidedAt: now.toISOString(),
  };
}

export function createTrackingConsentStore(env: ConsentEnvironment, now: () => Date = () => new Date()): TrackingConsentStore {
  const listeners = new Set<() => void>();
  // Storage can be missing or refuse access (privacy modes, blocked site data):
  // the choice then lives for this page only, and the banner asks again next time.
  const readRaw = (): string | null => {
    try {
      return env.storage.getItem(TRACKING_CONSENT_KEY);
    } catch {
      return null;
    }
  };
  let current = parseTrackingConsent(readRaw());
  const notify = () => listeners.forEach((listener) => listener());

  const onStorage = (event: Event) => {
    // `key` is null when another tab cleared all of this site's storage.
    const { key } = event as StorageEvent;
    if (key !== null && key !== TRACKING_CONSENT_KEY) return;
    current = parseTrackingConsent(readRaw());
    notify();
  };

  return {
    read: () => current,
    decide(choice) {
      current = buildTrackingConsent(choice, now());
      try {
        env.storage.setItem(TRACKING_CONSENT_KEY, JSON.stringify(current));
      } catch (error) {
        console.warn("Could not save the cookie choice; it applies to this page only.", error);
      }
      notify();
      return current;
    },
    subscribe(listener) {
      if (listeners.size === 0) env.events.addEventListener("storage", onStorage);
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) env.events.removeEventListener("storage", onStorage);
      };
    },
  };
}
