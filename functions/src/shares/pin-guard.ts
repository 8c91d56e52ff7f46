import { z } from "zod";

/**
 * Stops PIN guessing. Failures are counted in a fixed window, per link and
 * address (5 in 15 minutes locks that address out of that link for 15
 * minutes) and per link (20 in an hour, from any addresses, shuts the link
 * for an hour). A 6-digit PIN then takes years to guess from one address,
 * and spreading the guesses over many addresses only locks the link.
 */
export interface PinLimit {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
}

const MINUTE = 60 * 1000;
export const PIN_LIMITS = {
  perAddress: { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE },
  perLink: { maxFailures: 20, windowMs: 60 * MINUTE, lockoutMs: 60 * MINUTE },
} as const satisfies Record<string, PinLimit>;

/** `shareAttempts/{key}` and the link's own counter: server-only. */
export const PinAttempts = z.object({
  failures: z.number().int().nonnegative(),
  windowStartedAt: z.date(),
  lockedUntil: z.date().nullable(),
});
export type PinAttempts = z.infer<typeof PinAttempts>;

export function activeLockout(state: PinAttempts | undefined, now: Date): Date | null {
  return state?.lockedUntil && state.lockedUntil.getTime() > now.getTime() ? state.lockedUntil : null;
}

/** The state after one more wrong PIN. A window that has run out starts again from this failure. */
export function recordPinFailure(state: PinAttempts | undefined, now: Date, limit: PinLimit): PinAttempts {
  const fresh = !state || now.getTime() - state.windowStartedAt.getTime() >= limit.windowMs || activeLockout(state, now) === null && state.lockedUntil !== null;
  const failures = fresh ? 1 : state.failures + 1;
  const windowStartedAt = fresh ? now : state.windowStartedAt;
  const lockedUntil = failures >= limit.maxFailures ? new Date(now.getTime() + limit.lockoutMs) : null;
  return { failures, windowStartedAt, lockedUntil };
}

/** Wrong PINs still allowed before the lockout. */
export function failuresLeft(state: PinAttempts | undefined, now: Date, limit: PinLimit): number {
  if (!state || now.getTime() - state.windowStartedAt.getTime() >= limit.windowMs) return limit.maxFailures;
  return Math.max(0, limit.maxFailures - state.failures);
}
