import { MAX_SHARE_VIEWS } from "@pacs/shared";
import { EMPTY_DEIDENTIFICATION_FORM } from "./deidentification-form";
import { buildShareRequest, EMPTY_SHARE_FORM, pinDigitsFor, randomPin, type ShareForm } from "./share-form";

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

it("makes six-digit PINs by default, keeping leading zeros, and longer ones when asked", () => {
  expect(randomPin(6, (b) => b.fill(0).map((_, i) => (i === 5 ? 42 : 10)))).toBe("000002");
  expect(randomPin()).toMatch(/^[0-9]{6}$/);
  expect(randomPin(7)).toMatch(/^[0-9]{7}$/);
});

describe("PIN length for the expiry", () => {
  it("4-digit PINs on 30-day links are refused in the dialog, saying why", () => {
    const until = new Date(now.getTime() + 30 * 86_400_000 - 60_000).toISOString();
    const { errors } = buildShareRequest(STUDY, form({ expiry: "custom", customUntil: until, pin: "4821" }), now);
    expect(errors?.pin).toMatch(/^A link that lives 30 days needs a PIN of at least 7 digits: .*1% chance/);
    expect(buildShareRequest(STUDY, form({ expiry: "custom", customUntil: until, pin: "4821937" }), now).request?.pin).toBe("4821937");
    expect(buildShareRequest(STUDY, form({ expiry: "1h", pin: "4821" }), now).request?.pin).toBe("4821");
    expect(buildShareRequest(STUDY, form({ expiry: "24h", pin: "4821" }), now).errors?.pin).toMatch(/at least 5 digits/);
  });

  it("tells the dialog how many digits the chosen expiry needs", () => {
    expect(pinDigitsFor(form({ expiry: "1h" }), now)).toBe(4);
    expect(pinDigitsFor(form({ expiry: "7d" }), now)).toBe(6);
    expect(pinDigitsFor(form({ expiry: "custom", customUntil: "" }), now)).toBe(7);
  });
});

describe("De-identify", () => {
  const ultrasound = { SeriesInstanceUID: "1.2.3.4", Modality: "US", instances: 2, reason: "ultrasound" };

  it("sends the de-identification only when the owner ticks the box", () => {
    const deidentification = { ...EMPTY_DEIDENTIFICATION_FORM, pseudonym: "Case 12" };
    expect(buildShareRequest(STUDY, form({ deidentification }), now).request?.deidentify).toBeUndefined();
    expect(buildShareRequest(STUDY, form({ deidentify: true, deidentification }), now).request?.deidentify).toEqual({
      pseudonym: "Case 12",
      options: EMPTY_DEIDENTIFICATION_FORM.options,
      includeBurnedInText: false,
    });
  });

  it("puts the pseudonym's and the acknowledgement's errors beside the other fields'", () => {
    const deidentification = { ...EMPTY_DEIDENTIFICATION_FORM, pseudonym: "" };
    expect(buildShareRequest(STUDY, form({ deidentify: true, deidentification, maxViews: "0" }), now).errors).toEqual({
      pseudonym: expect.stringContaining("Enter a pseudonym"),
      maxViews: expect.stringContaining("1 to 10,000"),
    });
    const allBurnedIn = { instances: 2, burnedInText: [ultrasound] };
    expect(buildShareRequest(STUDY, form({ deidentify: true }), now, allBurnedIn).errors?.includeBurnedInText).toMatch(/nothing would be shared/);
    // Not de-identifying: the check does not matter.
    expect(buildShareRequest(STUDY, form({}), now, allBurnedIn).request).toBeDefined();
  });
});
