"use client";
/** The page's one consent store, and the React hook that reads it. */
import type { TrackingChoice, TrackingConsent } from "@pacs/shared";
import { useSyncExternalStore } from "react";
import { createTrackingConsentStore, type TrackingConsentStore } from "./tracking-consent";

let store: TrackingConsentStore | undefined;

function browserStore(): TrackingConsentStore {
  store ??= createTrackingConsentStore({
    // Read through `window` on each call: merely touching `localStorage` throws where site data is blocked.
    storage: {
      getItem: (key) => window.localStorage.getItem(key),
      setItem: (key, value) => window.localStorage.setItem(key, value),
    },
    events: window,
  });
  return store;
}

const subscribe = (listener: () => void) => browserStore().subscribe(listener);
const read = () => browserStore().read();
// The static HTML cannot know the visitor's choice.
const unknownOnServer = () => undefined;

/** The visitor's choice: null when none is made, undefined while not yet known (before hydration). */
export function useTrackingConsent(): TrackingConsent | null | undefined {
  return useSyncExternalStore(subscribe, read, unknownOnServer);
}

/** Records the visitor's choice; every subscriber (banner, analytics) follows at once. */
export function decideTrackingConsent(choice: TrackingChoice): TrackingConsent {
  return browserStore().decide(choice);
}
