import { activeLockout, failuresLeft, PIN_LIMITS, recordPinFailure, refundPinFailure, type PinAttempts } from "./pin-guard";

/** The two counts a PIN guess is charged to: the link's, and the link's for one address. */
export interface PinCounters {
  link: PinAttempts | undefined;
  address: PinAttempts | undefined;
}

/**
 * Where the counters live (Firestore in share-counters.ts, memory in tests).
 * `writeIfUnchanged` writes both only if neither changed since `read`
 * returned `version`, and answers false when one did.
 */
export interface PinCounterStore {
  read(): Promise<{ counters: PinCounters; version: unknown }>;
  writeIfUnchanged(version: unknown, next: PinCounters): Promise<boolean>;
}

export type PinCheck =
  | { outcome: "right" }
  | { outcome: "refused"; attemptsLeft: number }
  /** `evaluated`: this guess was checked (and was the one that locked), or was refused unseen. */
  | { outcome: "locked"; until: Date; evaluated: boolean }
  /** The counters kept changing under this guess; it was not checked. */
  | { outcome: "busy" };

export interface PinCheckOptions {
  /** The wait before reading again after losing a race (a short random sleep in production). */
  pause?: (attempt: number) => Promise<unknown>;
  attempts?: number;
}

const sleep = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * Math.min(200, 10 * attempt)));

/** Reads, changes and writes both counters until a write lands on what was read; null when it never did. */
async function updateCounters<T>(store: PinCounterStore, change: (counters: PinCounters) => { next: PinCounters; result: T } | { stop: T }, options: PinCheckOptions): Promise<T | null> {
  const attempts = options.attempts ?? 25;
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const { counters, version } = await store.read();
    const step = change(counters);
    if ("stop" in step) return step.stop;
    if (await store.writeIfUnchanged(version, step.next)) return step.result;
    await (options.pause ?? sleep)(attempt);
  }
  return null;
}

/**
 * Checks one PIN guess so that no more guesses reach `verify` than the
 * lockout allows, however many arrive at once. The guess is first counted
 * as a failure (a reservation, written only if the counters are unchanged
 * since they were read), and only then verified: parallel guesses each need
 * their own reservation, and once the limit is reached the rest are refused
 * without being looked at. A right PIN gives its reservation back. When the
 * reservation cannot be written the guess is refused unchecked (fails
 * closed). Verification is the slow part (scrypt), hence the order.
 */
export async function checkPin(store: PinCounterStore, verify: () => Promise<boolean>, now: Date, options: PinCheckOptions = {}): Promise<PinCheck> {
  const reserved = await updateCounters<PinCounters | { until: Date }>(
    store,
    (counters) => {
      const until = activeLockout(counters.link, now) ?? activeLockout(counters.address, now);
      if (until) return { stop: { until } };
      const next = { link: recordPinFailure(counters.link, now, PIN_LIMITS.perLink), address: recordPinFailure(counters.address, now, PIN_LIMITS.perAddress) };
      return { next, result: next };
    },
    options,
  );
  if (reserved === null) return { outcome: "busy" };
  if ("until" in reserved) return { outcome: "locked", until: reserved.until, evaluated: false };

  if (await verify()) {
    // If the refund cannot be written, the try stays counted: the safe side.
    await updateCounters(
      store,
      (counters) => ({ next: { link: refundPinFailure(counters.link, PIN_LIMITS.perLink), address: refundPinFailure(counters.address, PIN_LIMITS.perAddress) }, result: true }),
      options,
    );
    return { outcome: "right" };
  }
  const until = reserved.address?.lockedUntil ?? reserved.link?.lockedUntil;
  if (until) return { outcome: "locked", until, evaluated: true };
  const attemptsLeft = Math.min(failuresLeft(reserved.address, now, PIN_LIMITS.perAddress), failuresLeft(reserved.link, now, PIN_LIMITS.perLink));
  return { outcome: "refused", attemptsLeft };
}

/** The lockout in force, if any, for a request that brings no PIN: it is not counted. */
export async function pinLockout(store: PinCounterStore, now: Date): Promise<Date | null> {
  const { counters } = await store.read();
  return activeLockout(counters.link, now) ?? activeLockout(counters.address, now);
}
