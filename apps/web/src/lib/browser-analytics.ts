"use client";
/** The page's one analytics controller, wired to the browser's Firebase app. */
import { createAnalyticsController, type AnalyticsController } from "./analytics";
import { getFirebase } from "./firebase";

let controller: AnalyticsController | undefined;

export function browserAnalytics(): AnalyticsController {
  controller ??= createAnalyticsController({
    // A dynamic import: the bundler splits the SDK into a chunk fetched only after consent.
    loadSdk: () => import("firebase/analytics"),
    getApp: async () => (await getFirebase()).app,
    reportError: (error) => console.warn("Analytics is unavailable; the app works without it.", error),
  });
  return controller;
}
