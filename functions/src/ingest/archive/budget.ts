import { formatBytes } from "@pacs/shared";
import type { IngestLimits } from "../limits";

/**
 * What one upload may unpack, shared by the archive and every archive or
 * gzip file inside it: nesting must not start the count again, or a zip of
 * 100 zips would unpack 100 times the limit.
 */
export class ArchiveBudget {
  private entries = 0;
  private bytes = 0;

  constructor(readonly limits: IngestLimits) {}

  /** Takes `count` more entries; a refusal message when that passes the limit. */
  takeEntries(count: number): string | null {
    if (this.entries + count > this.limits.maxArchiveEntries) {
      const nested = this.entries > 0 ? ` (with the ${this.entries} entries around it)` : "";
      return `the archive lists ${count} entries${nested}; at most ${this.limits.maxArchiveEntries} are accepted in one upload — split it into smaller archives`;
    }
    this.entries += count;
    return null;
  }

  /** True when `count` more unpacked bytes stay within the upload's total. */
  fits(count: number): boolean {
    return this.bytes + count <= this.limits.maxArchiveUncompressedBytes;
  }

  /** Counts `count` unpacked bytes; a refusal message when they pass the total. */
  takeBytes(count: number): string | null {
    if (!this.fits(count)) return this.describeTotal();
    this.bytes += count;
    return null;
  }

  describeTotal(): string {
    return `the archive unpacks to more than ${formatBytes(this.limits.maxArchiveUncompressedBytes)}, nested archives and gzip files included; split it into smaller archives`;
  }
}
