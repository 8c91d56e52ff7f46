import { describeLifetime, maxPinGuesses, minimumPinDigits, pinTooShortMessage } from "./share-pin-strength";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

describe("PIN length for a link's lifetime", () => {
  it("4-digit PINs on 30-day links are refused: 20 guesses an hour for 30 days cover more than every 4-digit PIN", () => {
    expect(maxPinGuesses(30 * DAY)).toBe(20 * 721);
    expect(maxPinGuesses(30 * DAY)).toBeGreaterThan(10_000);
    expect(minimumPinDigits(30 * DAY)).toBe(7);
    expect(pinTooShortMessage("4821", 30 * DAY)).toMatch(/^A link that lives 30 days needs a PIN of at least 7 digits: .*20 wrong PINs an hour/);
    expect(pinTooShortMessage("4821937", 30 * DAY)).toBeNull();
  });

  it("keeps the guesses over the whole life under 1% of the PIN space, with the fewest digits that do", () => {
    for (const lifetime of [5 * 60_000, HOUR, 24 * HOUR, 7 * DAY, 30 * DAY, 13 * DAY + 5 * HOUR]) {
      const digits = minimumPinDigits(lifetime);
      expect(maxPinGuesses(lifetime) / 10 ** digits).toBeLessThan(0.01);
      if (digits > 4) expect(maxPinGuesses(lifetime) / 10 ** (digits - 1)).toBeGreaterThanOrEqual(0.01);
    }
    expect([HOUR, 24 * HOUR, 7 * DAY].map(minimumPinDigits)).toEqual([4, 5, 6]);
  });

  it("counts a fresh allowance after each lockout, from the first moment", () => {
    expect(maxPinGuesses(0)).toBe(20);
    expect(maxPinGuesses(HOUR - 1)).toBe(20);
    expect(maxPinGuesses(HOUR)).toBe(40);
  });

  it("names lifetimes as the owner chose them", () => {
    expect([HOUR, 24 * HOUR, 7 * DAY, 30 * DAY - 60_000, 90 * 60_000].map(describeLifetime)).toEqual(["1 hour", "24 hours", "7 days", "30 days", "2 hours"]);
  });
});
