import yauzl from "yauzl";
import { iterateEntries, openZipDirectory, type EntryRange } from "../archive/read-zip";
import type { ByteSource } from "../archive/byte-source";

/** How large one part of an archive may be: each part is one task, one function invocation. */
export interface RangeLimits {
  /** Entries per part. */
  maxEntries: number;
  /** Uncompressed bytes per part (declared sizes), so that a part of large slices still ends in time. */
  maxBytes: number;
}

/**
 * About 20 s of work for one invocation at the rate measured per worker
 * (docs/performance.md), far from the 30 min a task may run, and few enough
 * parts that a 2,000-instance archive runs on 4 workers at once.
 */
export const DEFAULT_RANGE_LIMITS: RangeLimits = { maxEntries: 500, maxBytes: 1024 * 1024 * 1024 };

/**
 * Cuts an archive's entries, in directory order, into consecutive ranges of
 * at most `maxEntries` entries and `maxBytes` declared bytes (an entry larger
 * than `maxBytes` is a range of its own). One range means: no fan-out.
 */
export function splitIntoRanges(entrySizes: readonly number[], limits: RangeLimits): EntryRange[] {
  const ranges: EntryRange[] = [];
  let start = 0;
  let bytes = 0;
  entrySizes.forEach((size, index) => {
    const full = index - start >= limits.maxEntries || (index > start && bytes + size > limits.maxBytes);
    if (full) {
      ranges.push({ start, end: index });
      start = index;
      bytes = 0;
    }
    bytes += size;
  });
  ranges.push({ start, end: entrySizes.length });
  return ranges;
}

/**
 * The declared uncompressed size of every entry, from the central directory
 * alone (no entry data is read). Null when the archive has no readable
 * directory: the single-run path then reports it or scans it front to back.
 */
export async function readEntrySizes(source: ByteSource, maxEntries: number): Promise<number[] | null> {
  let zipfile: yauzl.ZipFile;
  try {
    zipfile = await openZipDirectory(source);
  } catch {
    return null;
  }
  try {
    // Too many entries is refused by the single run, with its reason.
    if (zipfile.entryCount > maxEntries) return null;
    const sizes: number[] = [];
    for await (const entry of iterateEntries(zipfile)) sizes.push(entry.uncompressedSize);
    return sizes.length === zipfile.entryCount ? sizes : null;
  } catch {
    // A damaged directory: the single run reads what it can and reports the rest.
    return null;
  } finally {
    zipfile.close();
  }
}
