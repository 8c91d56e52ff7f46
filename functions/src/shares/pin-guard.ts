import { LINK_PIN_LIMIT } from "@pacs/shared";
import { z } from "zod";

/**
 * Stops PIN guessing. Failures are counted in a fixed window, per link and
 * address (5 in 15 minutes locks that address out of that link for 15
 * minutes) and per link (20 in an hour, from any addresses, shuts the link
 * for an hour). Spreading the guesses over many addresses only locks the
 * link, and PINs must be long enough for the link's lifetime at that rate
 * (share-pin-strength.ts in @pacs/shared).
 */
export interface PinLimit {
  maxFailures: number;
  windowMs: number;
  lockoutMs: number;
}

const MINUTE = 60 * 1000;
export const PIN_LIMITS = {
  perAddress: { maxFailures: 5, windowMs: 15 * MINUTE, lockoutMs: 15 * MINUTE },
  // Shared with the PIN-length rule, which must count with the same limit.
  perLink: LINK_PIN_LIMIT,
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

/**
 * The state after a counted try turned out to be the right PIN (pin-check.ts
 * counts every try before checking it): one failure fewer, and the lock
 * lifted if that try was the one that set it.
 */
export function refundPinFailure(state: PinAttempts | undefined, limit: PinLimit): PinAttempts | undefined {
  if (!state) return undefined;
  const failures = Math.max(0, state.failures - 1);
  return { failures, windowStartedAt: state.windowStartedAt, lockedUntil: failures >= limit.maxFailures ? state.lockedUntil : null };
}

/** Wrong PINs still allowed before the lockout. */
export function failuresLeft(state: PinAttempts | undefined, now: Date, limit: PinLimit): number {
  if (!state || now.getTime() - state.windowStartedAt.getTime() >= limit.windowMs) return limit.maxFailures;
  return Math.max(0, limit.maxFailures - state.failures);
}
