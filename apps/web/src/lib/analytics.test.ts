import type { TrackingConsent } from "@pacs/shared";
import type { FirebaseApp } from "firebase/app";
import { ALL_DENIED, createAnalyticsController, type AnalyticsSdk } from "./analytics";

const SITE = "https://radiologypacs.app";
const ANALYTICS_ONLY: TrackingConsent = { version: 1, necessary: true, analytics: true, advertising: false, decidedAt: "2026-03-01T10:00:00.000Z" };
const REJECTED: TrackingConsent = { ...ANALYTICS_ONLY, analytics: false };

/** A fake firebase/analytics that records every call in order. */
function fakeSdk(supported = true) {
  const calls: [string, ...unknown[]][] = [];
  const analytics = { app: {} };
  const sdk: AnalyticsSdk = {
    isSupported: async () => supported,
    initializeAnalytics: (_app, options) => (calls.push(["initializeAnalytics", options]), analytics as never),
    setConsent: (settings) => void calls.push(["setConsent", settings]),
    setAnalyticsCollectionEnabled: (_instance, enabled) => void calls.push(["setAnalyticsCollectionEnabled", enabled]),
    setDefaultEventParameters: (params) => void calls.push(["setDefaultEventParameters", params]),
    logEvent: ((_instance: unknown, name: string, params: unknown) => void calls.push(["logEvent", name, params])) as AnalyticsSdk["logEvent"],
  };
  return { sdk, calls, names: () => calls.map(([name]) => name) };
}

function setUp({ measurementId = "G-TEST", supported = true, loadFails = false } = {}) {
  const fake = fakeSdk(supported);
  const loadSdk = jest.fn(async () => {
    if (loadFails) throw new TypeError("Failed to fetch dynamically imported module");
    return fake.sdk;
  });
  const reportError = jest.fn();
  const app = { options: { measurementId } } as unknown as FirebaseApp;
  const controller = createAnalyticsController({ loadSdk, getApp: async () => app, reportError });
  return { ...fake, loadSdk, reportError, controller };
}

const pageViews = (calls: [string, ...unknown[]][]) => calls.filter(([name, event]) => name === "logEvent" && event === "page_view");

describe("analytics controller", () => {
  it("loads nothing with no choice or after Reject all", async () => {
    const { controller, loadSdk, calls } = setUp();
    controller.pageView(`${SITE}/studies/`, "");
    await controller.apply(null);
    await controller.apply(REJECTED);
    expect(loadSdk).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it("after consent, starts with Consent Mode denied, then grants analytics storage only", async () => {
    const { controller, calls, names } = setUp();
    controller.pageView(`${SITE}/study/?uid=1.2.3.4`, "");
    await controller.apply(ANALYTICS_ONLY);

    expect(names().slice(0, 3)).toEqual(["setConsent", "initializeAnalytics", "setConsent"]);
    expect(calls[0]).toEqual(["setConsent", ALL_DENIED]);
    expect(calls[2]).toEqual(["setConsent", { ...ALL_DENIED, analytics_storage: "granted" }]);
    // No automatic page view (it would carry the real address); ours is sanitised.
    expect(calls[1]).toEqual(["initializeAnalytics", { config: expect.objectContaining({ send_page_view: false, page_location: `${SITE}/study/` }) }]);
    expect(pageViews(calls)).toEqual([["logEvent", "page_view", { page_location: `${SITE}/study/`, page_referrer: "", page_title: "/study/" }]]);
    expect(JSON.stringify(calls)).not.toContain("1.2.3.4");
  });

  it("grants the ad purposes only with advertising consent", async () => {
    const { controller, calls } = setUp();
    await controller.apply({ ...ANALYTICS_ONLY, advertising: true });
    expect(calls).toContainEqual(["setConsent", { analytics_storage: "granted", ad_storage: "granted", ad_user_data: "granted", ad_personalization: "granted" }]);
  });

  it("logs each page while consent lasts, and nothing from the moment it is withdrawn", async () => {
    const { controller, calls } = setUp();
    controller.pageView(`${SITE}/studies/`, "");
    await controller.apply(ANALYTICS_ONLY);
    controller.pageView(`${SITE}/upload/`, "");
    expect(pageViews(calls)).toHaveLength(2);

    const withdrawal = controller.apply(REJECTED);
    // In effect before the returned promise settles: denied, collection off.
    expect(calls.slice(-2)).toEqual([["setConsent", ALL_DENIED], ["setAnalyticsCollectionEnabled", false]]);
    controller.pageView(`${SITE}/profile/`, "");
    await withdrawal;
    expect(pageViews(calls)).toHaveLength(2);
  });

  it("switches back on after a new consent, without loading twice", async () => {
    const { controller, calls, loadSdk } = setUp();
    await controller.apply(ANALYTICS_ONLY);
    await controller.apply(REJECTED);
    controller.pageView(`${SITE}/profile/`, "");
    await controller.apply(ANALYTICS_ONLY);
    expect(loadSdk).toHaveBeenCalledTimes(1);
    expect(calls.filter(([name]) => name === "initializeAnalytics")).toHaveLength(1);
    expect(calls.at(-3)).toEqual(["setAnalyticsCollectionEnabled", true]);
    expect(pageViews(calls).at(-1)?.[2]).toMatchObject({ page_location: `${SITE}/profile/` });
  });

  it("stays off when consent is withdrawn while the SDK is still loading", async () => {
    const { controller, calls, loadSdk, sdk } = setUp();
    let finishLoading: (loaded: AnalyticsSdk) => void = () => undefined;
    loadSdk.mockImplementationOnce(() => new Promise((resolve) => (finishLoading = resolve)));
    const accepting = controller.apply(ANALYTICS_ONLY);
    while (loadSdk.mock.calls.length === 0) await Promise.resolve();
    const rejecting = controller.apply(REJECTED);
    finishLoading(sdk);
    await Promise.all([accepting, rejecting]);
    expect(calls).not.toContainEqual(["setAnalyticsCollectionEnabled", true]);
    expect(calls.slice(-2)).toEqual([["setConsent", ALL_DENIED], ["setAnalyticsCollectionEnabled", false]]);
  });

  it("loads nothing when consent is withdrawn before loading began", async () => {
    const { controller, loadSdk } = setUp();
    await Promise.all([controller.apply(ANALYTICS_ONLY), controller.apply(REJECTED)]);
    expect(loadSdk).not.toHaveBeenCalled();
  });

  it("stays off without a measurement ID or where the browser cannot run analytics", async () => {
    for (const options of [{ measurementId: "" }, { supported: false }]) {
      const { controller, calls } = setUp(options);
      await controller.apply(ANALYTICS_ONLY);
      expect(calls.filter(([name]) => name === "initializeAnalytics")).toEqual([]);
    }
  });

  it("reports a failed download instead of throwing, and page views carry on harmlessly", async () => {
    const { controller, reportError } = setUp({ loadFails: true });
    await expect(controller.apply(ANALYTICS_ONLY)).resolves.toBeUndefined();
    expect(reportError).toHaveBeenCalledWith(expect.any(TypeError));
    expect(() => controller.pageView(`${SITE}/studies/`, "")).not.toThrow();
  });
});
