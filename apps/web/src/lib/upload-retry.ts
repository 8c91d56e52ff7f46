/**
 * Retrying with exponential backoff: 1 s, 2 s, 4 s... with jitter, so that
 * many browsers that lost the network together do not return in lockstep.
 */

/** Attempts per file (or API call), the first one included. */
export const MAX_UPLOAD_ATTEMPTS = 4;

const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/** How long to wait after failed attempt number `attempt` (1-based): ±20% around 1 s × 2^(attempt−1), capped at 30 s. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const nominal = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(nominal * (0.8 + 0.4 * random()));
}

export interface RetryOptions {
  isRetryable: (error: unknown) => boolean;
  sleep: (ms: number) => Promise<void>;
  attempts?: number;
  delayMs?: (attempt: number) => number;
}

/** Calls `operation` until it succeeds, fails for good, or runs out of attempts; rethrows the last error. */
export async function withRetry<T>(operation: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? MAX_UPLOAD_ATTEMPTS;
  const delayMs = options.delayMs ?? retryDelayMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= attempts || !options.isRetryable(error)) throw error;
      await options.sleep(delayMs(attempt));
    }
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
