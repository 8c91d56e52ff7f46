import type { UserProfile } from "@pacs/shared";
import { describeStorageUsage, readStorageQuota } from "@/lib/quota";
import { ProgressBar } from "./ProgressBar";

/** "1.2 GB of 10 GB used" with a bar, from the server-owned fields of the profile. */
export function StorageUsage({ profile }: { profile: Pick<UserProfile, "usedBytes" | "quotaBytes"> }) {
  const quota = readStorageQuota(profile);
  const text = describeStorageUsage(quota);
  return (
    <div className="storage-usage">
      <ProgressBar label="Storage used" value={quota.usedBytes} max={quota.quotaBytes} text={text} />
      <span data-testid="storage-usage">{text}</span>
    </div>
  );
}
