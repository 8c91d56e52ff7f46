import { Inflate } from "fflate";
import { formatBytes } from "@pacs/shared";

/**
 * Bounds on inflating a deflated data set (Deflated Explicit VR Little
 * Endian, PS3.5 §A.5): the guardrails a ZIP entry or a gzip file is held to
 * (limits.ts), because a deflated data set is the same kind of stream and a
 * crafted one inflates ~1000:1.
 */
export interface InflateLimits {
  /** Largest inflated data set. */
  maxInflatedBytes: number;
  /** Inflated/deflated beyond this is refused, once more than `ratioCheckFromBytes` came out. */
  maxCompressionRatio: number;
  ratioCheckFromBytes: number;
}

/** Why a deflated data set was not inflated; `reason` is the ingest verdict's code. */
export class InflateRefusedError extends Error {
  constructor(
    readonly reason: "too-large" | "zip-bomb" | "unreadable",
    readonly detail: string,
  ) {
    super(`deflated data set: ${detail}`);
    this.name = "InflateRefusedError";
  }
}

/**
 * Deflated input is fed this many bytes at a time, and the limits are checked
 * after each step: at ~1032:1 (deflate's maximum) one step yields at most
 * ~4 MiB, so a bomb is stopped a few mebibytes in, not at its full size.
 */
const STEP_BYTES = 4 * 1024;

/**
 * Inflates a raw deflate stream, stopping as soon as the output passes
 * `maxInflatedBytes` or, past `ratioCheckFromBytes`, expands more than
 * `maxCompressionRatio` to what was read so far. Synchronous, because
 * dicomParser's callers are.
 * @throws InflateRefusedError for a bomb, an oversized or a damaged stream.
 */
export function inflateBounded(deflated: Uint8Array, limits: InflateLimits): Uint8Array {
  const chunks: Uint8Array[] = [];
  let inflated = 0;
  let consumed = 0;
  const inflate = new Inflate((data) => {
    inflated += data.length;
    findRefusal(inflated, consumed, limits);
    chunks.push(data);
  });
  try {
    do {
      const step = deflated.subarray(consumed, consumed + STEP_BYTES);
      consumed += step.length;
      inflate.push(step, consumed >= deflated.length);
    } while (consumed < deflated.length);
  } catch (error) {
    if (error instanceof InflateRefusedError) throw error;
    throw new InflateRefusedError("unreadable", `the deflated data set is damaged and cannot be inflated (${(error as Error).message})`);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, inflated);
}

function findRefusal(inflated: number, consumed: number, limits: InflateLimits): void {
  if (inflated > limits.maxInflatedBytes) {
    const most = formatBytes(limits.maxInflatedBytes);
    throw new InflateRefusedError("too-large", `the deflated data set inflates to more than ${most}; files of at most ${most} are accepted`);
  }
  if (inflated <= limits.ratioCheckFromBytes) return;
  const ratio = inflated / Math.max(consumed, 1);
  if (ratio <= limits.maxCompressionRatio) return;
  throw new InflateRefusedError(
    "zip-bomb",
    `the deflated data set expands ${Math.round(ratio)}:1 (${formatBytes(consumed)} to ${formatBytes(inflated)} when inflating was stopped), more than the ${limits.maxCompressionRatio}:1 accepted; this looks like a zip bomb`,
  );
}
