import { MAX_SHARE_VIEWS } from "@pacs/shared";
import { buildShareRequest, EMPTY_SHARE_FORM, randomPin, type ShareForm } from "./share-form";

const STUDY = "1.2.840.113619.2.55.3.1";
const now = new Date("2026-11-22T10:00:00Z");
const form = (changes: Partial<ShareForm>): ShareForm => ({ ...EMPTY_SHARE_FORM, ...changes });

describe("buildShareRequest", () => {
  it("sends a preset expiry and leaves out what the owner left empty", () => {
    expect(buildShareRequest(STUDY, form({ expiry: "7d" }), now)).toEqual({
      request: { StudyInstanceUID: STUDY, expiry: { preset: "7d" }, allowDownload: false },
    });
  });

  it("sends every option that was filled in", () => {
    const result = buildShareRequest(STUDY, form({ expiry: "1h", pin: " 123456 ", maxViews: "3", allowDownload: true, label: " Dr Smith " }), now);
    expect(result.request).toEqual({ StudyInstanceUID: STUDY, expiry: { preset: "1h" }, pin: "123456", maxViews: 3, allowDownload: true, label: "Dr Smith" });
  });

  it("turns a custom local moment into an ISO instant, within 5 minutes to 30 days", () => {
    const until = new Date(now.getTime() + 3 * 86_400_000);
    expect(buildShareRequest(STUDY, form({ expiry: "custom", customUntil: until.toISOString() }), now).request?.expiry).toEqual({ until: until.toISOString() });
    expect(buildShareRequest(STUDY, form({ expiry: "custom", customUntil: "" }), now).errors?.customUntil).toMatch(/Choose the date/);
    expect(buildShareRequest(STUDY, form({ expiry: "custom", customUntil: new Date(now.getTime() + 60_000).toISOString() }), now).errors?.customUntil).toMatch(/5 minutes/);
    expect(buildShareRequest(STUDY, form({ expiry: "custom", customUntil: new Date(now.getTime() + 31 * 86_400_000).toISOString() }), now).errors?.customUntil).toMatch(/30 days/);
  });

  it("names each wrong field", () => {
    const { errors } = buildShareRequest(STUDY, form({ pin: "12a4", maxViews: "0", label: "x".repeat(101) }), now);
    expect(errors).toEqual({ pin: "A PIN is 4 to 12 digits.", maxViews: expect.stringContaining("1 to 10,000"), label: expect.stringContaining("100 characters") });
    expect(buildShareRequest(STUDY, form({ maxViews: String(MAX_SHARE_VIEWS + 1) }), now).errors?.maxViews).toBeDefined();
    expect(buildShareRequest(STUDY, form({ maxViews: "2.5" }), now).errors?.maxViews).toBeDefined();
    expect(buildShareRequest(STUDY, form({ pin: "123" }), now).errors?.pin).toBeDefined();
  });
});

it("makes six-digit PINs, keeping leading zeros", () => {
  expect(randomPin(() => Uint32Array.of(42))).toBe("000042");
  expect(randomPin(() => Uint32Array.of(4_123_456_789))).toBe("456789");
  expect(randomPin()).toMatch(/^[0-9]{6}$/);
});
