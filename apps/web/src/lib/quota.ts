import { DEFAULT_QUOTA_BYTES, type UserProfile } from "@pacs/shared";
import { formatBytes } from "./format";

export interface StorageQuota {
  usedBytes: number;
  quotaBytes: number;
  /** Never negative, even when an administrator lowered the quota below what is stored. */
  freeBytes: number;
}

/** The user's storage as the server last recorded it on `users/{uid}`. */
export function readStorageQuota(profile: Pick<UserProfile, "usedBytes" | "quotaBytes">): StorageQuota {
  const usedBytes = profile.usedBytes ?? 0;
  const quotaBytes = profile.quotaBytes ?? DEFAULT_QUOTA_BYTES;
  return { usedBytes, quotaBytes, freeBytes: Math.max(0, quotaBytes - usedBytes) };
}

/** "1.2 GB of 10 GB used". */
export function describeStorageUsage(quota: StorageQuota): string {
  return `${formatBytes(quota.usedBytes)} of ${formatBytes(quota.quotaBytes)} used`;
}
