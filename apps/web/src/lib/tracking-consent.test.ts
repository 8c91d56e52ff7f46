import { TRACKING_CONSENT_KEY } from "@pacs/shared";
import { buildTrackingConsent, createTrackingConsentStore, parseTrackingConsent } from "./tracking-consent";

const NOW = new Date("2026-03-01T10:00:00.000Z");
const VALID = { version: 1, necessary: true, analytics: true, advertising: false, decidedAt: NOW.toISOString() };

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

function storageEvent(key: string | null): Event {
  return Object.assign(new Event("storage"), { key });
}

function setUp(initial?: string) {
  const storage = new MemoryStorage();
  if (initial !== undefined) storage.setItem(TRACKING_CONSENT_KEY, initial);
  const events = new EventTarget();
  const store = createTrackingConsentStore({ storage, events }, () => NOW);
  return { storage, events, store };
}

describe("parseTrackingConsent", () => {
  it("reads a stored choice", () => {
    expect(parseTrackingConsent(JSON.stringify(VALID))).toEqual(VALID);
  });

  it.each([
    ["nothing stored", null],
    ["not JSON", "yes please"],
    ["an older version", JSON.stringify({ ...VALID, version: 0 })],
    ["necessary switched off", JSON.stringify({ ...VALID, necessary: false })],
    ["a missing category", JSON.stringify({ version: 1, necessary: true, analytics: true, decidedAt: VALID.decidedAt })],
    ["a date that is not ISO", JSON.stringify({ ...VALID, decidedAt: "yesterday" })],
  ])("counts %s as no choice", (_, raw) => {
    expect(parseTrackingConsent(raw)).toBeNull();
  });
});

describe("createTrackingConsentStore", () => {
  it("starts from what is stored", () => {
    expect(setUp(JSON.stringify(VALID)).store.read()).toEqual(VALID);
    expect(setUp().store.read()).toBeNull();
  });

  it("saves a choice as versioned JSON and tells subscribers at once", () => {
    const { storage, store } = setUp();
    const listener = jest.fn();
    store.subscribe(listener);
    store.decide({ analytics: false, advertising: false });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.read()).toEqual(buildTrackingConsent({ analytics: false, advertising: false }, NOW));
    expect(JSON.parse(storage.getItem(TRACKING_CONSENT_KEY)!)).toEqual({
      version: 1,
      necessary: true,
      analytics: false,
      advertising: false,
      decidedAt: NOW.toISOString(),
    });
  });

  it("keeps the same object between changes, as React's external stores need", () => {
    const { store } = setUp(JSON.stringify(VALID));
    expect(store.read()).toBe(store.read());
  });

  it("follows another tab's change and another tab's clearing of site data", () => {
    const { storage, events, store } = setUp(JSON.stringify(VALID));
    const listener = jest.fn();
    store.subscribe(listener);

    storage.setItem(TRACKING_CONSENT_KEY, JSON.stringify({ ...VALID, analytics: false }));
    events.dispatchEvent(storageEvent(TRACKING_CONSENT_KEY));
    expect(store.read()?.analytics).toBe(false);

    storage.items.clear();
    events.dispatchEvent(storageEvent(null));
    expect(store.read()).toBeNull();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it("ignores other keys and stops listening after the last unsubscribe", () => {
    const { storage, events, store } = setUp(JSON.stringify(VALID));
    const listener = jest.fn();
    const unsubscribe = store.subscribe(listener);
    events.dispatchEvent(storageEvent("something-else"));
    expect(listener).not.toHaveBeenCalled();

    unsubscribe();
    storage.items.clear();
    events.dispatchEvent(storageEvent(TRACKING_CONSENT_KEY));
    expect(listener).not.toHaveBeenCalled();
  });

  it("still applies a choice for this page when storage refuses it", () => {
    const refusing = { getItem: () => null, setItem: () => { throw new Error("QuotaExceededError"); } };
    const warn = jest.spyOn(console, "warn").mockImplementation(() => undefined);
    const store = createTrackingConsentStore({ storage: refusing, events: new EventTarget() }, () => NOW);
    expect(store.decide({ analytics: true, advertising: false }).analytics).toBe(true);
    expect(store.read()?.analytics).toBe(true);
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
