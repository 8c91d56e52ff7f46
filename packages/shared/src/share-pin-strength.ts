/**
 * How long a share-link PIN must be for how long the link lives. Someone
 * holding the link can guess PINs at the rate the server allows (the
 * link-wide lockout, below, holds whatever their addresses); over the link's
 * whole life those guesses must cover less than 1% of the PINs of that
 * length. A 4-digit PIN on a 30-day link would not: 20 guesses an hour for
 * 30 days are 14,420 guesses, more than all 10,000 PINs.
 */

const HOUR_MS = 60 * 60 * 1000;

/** Wrong PINs one link takes, from any number of addresses, before it locks (enforced in functions/src/shares/pin-guard.ts). */
export const LINK_PIN_LIMIT = { maxFailures: 20, windowMs: HOUR_MS, lockoutMs: HOUR_MS } as const;

/** The share of all PINs a guesser may cover over a link's life. */
export const MAX_PIN_GUESS_SHARE = 0.01;

export const MIN_PIN_DIGITS = 4;
export const MAX_PIN_DIGITS = 12;

/**
 * The most wrong PINs a link can take in `lifetimeMs`: a full allowance at
 * once, then one more after each lockout (or window) runs out. Holding back
 * to avoid the lock gives fewer, not more.
 */
export function maxPinGuesses(lifetimeMs: number): number {
  const period = Math.min(LINK_PIN_LIMIT.windowMs, LINK_PIN_LIMIT.lockoutMs);
  return LINK_PIN_LIMIT.maxFailures * (Math.floor(Math.max(0, lifetimeMs) / period) + 1);
}

/** The fewest digits that keep the guesses over `lifetimeMs` under 1% of the PINs (at least 4, at most 12). */
export function minimumPinDigits(lifetimeMs: number): number {
  const guesses = maxPinGuesses(lifetimeMs);
  let digits = MIN_PIN_DIGITS;
  // guesses / 10^digits < 1%, in whole numbers: guesses * 100 < 10^digits.
  while (digits < MAX_PIN_DIGITS && guesses / MAX_PIN_GUESS_SHARE >= 10 ** digits) digits += 1;
  return digits;
}

/** "1 hour", "24 hours", "7 days", "30 days": a link's life as the owner chose it. */
export function describeLifetime(lifetimeMs: number): string {
  const hours = Math.ceil(lifetimeMs / HOUR_MS - 1e-9);
  if (hours < 48) return hours === 1 ? "1 hour" : `${hours} hours`;
  return `${Math.ceil(lifetimeMs / (24 * HOUR_MS) - 1e-9)} days`;
}

/** Why a PIN is too short for its link, or null when it is long enough; the dialog and the server say the same. */
export function pinTooShortMessage(pin: string, lifetimeMs: number): string | null {
  const needed = minimumPinDigits(lifetimeMs);
  if (pin.length >= needed) return null;
  const life = describeLifetime(lifetimeMs);
  return (
    `A link that lives ${life} needs a PIN of at least ${needed} digits: anyone holding the link can try ` +
    `${LINK_PIN_LIMIT.maxFailures} wrong PINs an hour, and over ${life} a shorter PIN would give them more than a 1% chance of finding it. ` +
    `Use a longer PIN or an earlier expiry.`
  );
}
