import { formatBytes } from "@pacs/shared";
import type { UserRefs } from "./refs";

/**
 * Keeps one ingest run inside the owner's quota. Usage is read once per
 * uploaded file and tracked in memory while it runs; the durable counter is
 * `users/{uid}.usedBytes`, raised in the same transaction that counts a
 * study. Two files ingested at the same moment may each see the other's
 * bytes late, so a quota can be overrun by at most what is in flight.
 */
export class QuotaGate {
  constructor(
    private used: number,
    readonly quotaBytes: number,
  ) {}

  static async load(refs: UserRefs, defaultQuotaBytes: number): Promise<QuotaGate> {
    const user = await refs.user.get();
    return new QuotaGate(Number(user.get("usedBytes") ?? 0), Number(user.get("quotaBytes") ?? defaultQuotaBytes));
  }

  /** Takes room for `bytes`; false (and nothing taken) when it would not fit. */
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.quotaBytes) return false;
    this.used += bytes;
    return true;
  }

  release(bytes: number): void {
    this.used -= bytes;
  }

  describeRefusal(bytes: number): string {
    return `storing this file (${formatBytes(bytes)}) would exceed your storage quota: ${formatBytes(this.used)} of ${formatBytes(this.quotaBytes)} used — delete studies you no longer need, or ask for more space`;
  }
}
