import { formatBytes } from "@pacs/shared";

/**
 * The quota is reserved, not read: the bytes of an instance are added to
 * `users/{uid}.usedBytes` in the same transaction that creates its claim
 * (claim-batcher.ts), after checking that they fit. Two files ingested at the
 * same moment therefore cannot both take the last free bytes: Firestore runs
 * their transactions one after the other. The claim document carries the
 * bytes, so a retried run finds its reservation instead of taking it twice,
 * and a file that is given up (give-up.ts) hands them back.
 */

/** One claim of a group, as the claim transaction found it. */
export interface ClaimCandidate {
  /** The claim document already exists: made by `existingSourceKey`. */
  existingSourceKey: string | undefined;
  sourceKey: string;
  byteLength: number;
}

export type ClaimDecision = { kind: "create" } | { kind: "ours" } | { kind: "duplicate" } | { kind: "quota"; detail: string };

export interface Usage {
  usedBytes: number;
  quotaBytes: number;
}

/**
 * Decides a group of claims against the owner's usage, in order: a new
 * instance is created (and its bytes reserved) while it fits, refused with
 * the numbers once it does not. A claim this very entry made before (a
 * redelivery) is ours and already paid for; another entry's is a duplicate,
 * which costs nothing.
 */
export function decideClaims(usage: Usage, candidates: ClaimCandidate[]): { decisions: ClaimDecision[]; reservedBytes: number } {
  let used = usage.usedBytes;
  const decisions = candidates.map((candidate): ClaimDecision => {
    if (candidate.existingSourceKey !== undefined) return candidate.existingSourceKey === candidate.sourceKey ? { kind: "ours" } : { kind: "duplicate" };
    if (used + candidate.byteLength > usage.quotaBytes) return { kind: "quota", detail: describeRefusal(candidate.byteLength, used, usage.quotaBytes) };
    used += candidate.byteLength;
    return { kind: "create" };
  });
  return { decisions, reservedBytes: used - usage.usedBytes };
}

/** "this file needs 120 MB, 40 MB of 5 GB left — …": the numbers the user needs to act. */
export function describeRefusal(bytes: number, usedBytes: number, quotaBytes: number): string {
  const left = Math.max(0, quotaBytes - usedBytes);
  return `over your storage quota: this file needs ${formatBytes(bytes)}, ${formatBytes(left)} of ${formatBytes(quotaBytes)} left — delete studies you no longer need, or ask for more space`;
}
