import type { InflateLimits } from "./inflate-data-set";

/**
 * Guardrails for what one upload may make the ingest function do. Each is a
 * reason a user reads ("too-large", "zip-bomb", ...), never a crash or an
 * out-of-memory restart that loses the rest of the archive.
 */
export interface IngestLimits {
  /** Largest single instance read into memory (archive entry or loose file). */
  maxInstanceBytes: number;
  /** Entries one archive may list (central directory count). */
  maxArchiveEntries: number;
  /** Sum of the uncompressed sizes of one archive's entries, nested archives included. */
  maxArchiveUncompressedBytes: number;
  /** Uncompressed/compressed beyond this is a zip bomb, once an entry is past `ratioCheckFromBytes`. */
  maxCompressionRatio: number;
  /**
   * Small entries compress absurdly well (a blank overlay, a zero-filled
   * header) and cost nothing, so the ratio is only held against big ones.
   */
  ratioCheckFromBytes: number;
  /**
   * Archives up to this size are fetched in one request and read from
   * memory; larger ones through ranged reads. One long read beats dozens of
   * ranges (each a request in production, a whole-object load in the emulator).
   */
  wholeArchiveReadBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Sized for a 1 GiB function: one instance of up to 256 MiB in memory at a
 * time per concurrent upload. Real CT/MR data deflates 2-4:1; 200:1 only
 * happens with crafted or degenerate data.
 */
export const DEFAULT_INGEST_LIMITS: IngestLimits = {
  maxInstanceBytes: 256 * MiB,
  maxArchiveEntries: 20_000,
  maxArchiveUncompressedBytes: 16 * 1024 * MiB,
  maxCompressionRatio: 200,
  ratioCheckFromBytes: 4 * MiB,
  wholeArchiveReadBytes: 128 * MiB,
};

/**
 * A deflated data set is held to an instance's limits: it may inflate to no
 * more than `maxInstanceBytes`, and no more than `maxCompressionRatio` once
 * past `ratioCheckFromBytes`. Header reading, thumbnails and viewer copies
 * all inflate with these.
 */
export function findInflateLimits(limits: IngestLimits): InflateLimits {
  return { maxInflatedBytes: limits.maxInstanceBytes, maxCompressionRatio: limits.maxCompressionRatio, ratioCheckFromBytes: limits.ratioCheckFromBytes };
}

export const DEFAULT_INFLATE_LIMITS: InflateLimits = findInflateLimits(DEFAULT_INGEST_LIMITS);
