/**
 * Google Analytics 4 (through Firebase Analytics), only with consent.
 * Nothing of it is downloaded, initialised or sent before the visitor accepts
 * analytics; withdrawing switches it off at once. Failures (blocked hosts,
 * offline) are reported and never reach the app. Dependencies are parameters,
 * so the rules below are unit-tested with a fake SDK.
 */
import type { TrackingConsent } from "@pacs/shared";
import type { Analytics, ConsentSettings } from "firebase/analytics";
import type { FirebaseApp } from "firebase/app";
import { buildPageView, type PageView } from "./analytics-location";

/** The parts of `firebase/analytics` we use. */
export type AnalyticsSdk = Pick<
  typeof import("firebase/analytics"),
  "isSupported" | "initializeAnalytics" | "setConsent" | "setAnalyticsCollectionEnabled" | "setDefaultEventParameters" | "logEvent"
>;

export interface AnalyticsDependencies {
  /** `import("firebase/analytics")`: called only after consent. */
  loadSdk: () => Promise<AnalyticsSdk>;
  getApp: () => Promise<FirebaseApp>;
  /** Where failures go; analytics never breaks the app. */
  reportError: (error: unknown) => void;
}

export interface AnalyticsController {
  /** Follows the visitor's choice; resolves once it is in effect. */
  apply(consent: TrackingConsent | null): Promise<void>;
  /** The visitor is now on `href`; logged (sanitised) only while analytics is on. */
  pageView(href: string, referrer: string): void;
}

/** Consent Mode with every purpose denied: the defaults before any grant, and the state after withdrawal. */
export const ALL_DENIED: ConsentSettings = {
  analytics_storage: "denied",
  ad_storage: "denied",
  ad_user_data: "denied",
  ad_personalization: "denied",
};

/** Consent Mode for a choice: analytics storage follows analytics; the ad purposes follow advertising. */
export function consentSettingsFor(consent: TrackingConsent): ConsentSettings {
  const ads = consent.advertising ? "granted" : "denied";
  return {
    analytics_storage: consent.analytics ? "granted" : "denied",
    ad_storage: ads,
    ad_user_data: ads,
    ad_personalization: ads,
  };
}

interface Started {
  sdk: AnalyticsSdk;
  analytics: Analytics;
}

export function createAnalyticsController(deps: AnalyticsDependencies): AnalyticsController {
  let wanted: TrackingConsent | null = null;
  let page: PageView | null = null;
  /** Set once analytics is initialised; null while not (yet) or never. */
  let started: Started | null = null;
  let starting: Promise<Started | null> | undefined;
  /** Whether page views are being logged; false from the instant consent is withdrawn. */
  let logging = false;
  let queue: Promise<void> = Promise.resolve();

  function logPage(target: Started, view: PageView) {
    // Set as defaults too, so gtag's own events carry these rather than the real address.
    target.sdk.setDefaultEventParameters({ ...view });
    target.sdk.logEvent(target.analytics, "page_view", { ...view });
  }

  async function start(): Promise<Started | null> {
    const app = await deps.getApp();
    // Without a GA4 property in the runtime config, analytics is simply off.
    if (!app.options.measurementId) return null;
    const sdk = await deps.loadSdk();
    if (!(await sdk.isSupported())) return null;
    // Before initialisation this sets Consent Mode's defaults: gtag starts denied.
    sdk.setConsent(ALL_DENIED);
    // We log page views ourselves, sanitised; gtag's automatic one would send the real address.
    const config = { send_page_view: false, ...(page ?? {}) };
    return { sdk, analytics: sdk.initializeAnalytics(app, { config }) };
  }

  function withdraw() {
    logging = false;
    if (!started) return;
    started.sdk.setConsent(ALL_DENIED);
    started.sdk.setAnalyticsCollectionEnabled(started.analytics, false);
  }

  async function sync() {
    if (!wanted?.analytics) return withdraw();
    starting ??= start();
    started = await starting;
    // The choice may have changed while the SDK was loading.
    if (!started || !wanted?.analytics) return withdraw();
    started.sdk.setConsent(consentSettingsFor(wanted));
    started.sdk.setAnalyticsCollectionEnabled(started.analytics, true);
    if (!logging && page) logPage(started, page);
    logging = true;
  }

  return {
    apply(consent) {
      wanted = consent;
      // Withdrawal takes effect now, not after earlier work in the queue.
      if (!consent?.analytics) withdraw();
      queue = queue.then(sync).catch(deps.reportError);
      return queue;
    },
    pageView(href, referrer) {
      page = buildPageView(href, referrer);
      if (logging && started) logPage(started, page);
    },
  };
}
