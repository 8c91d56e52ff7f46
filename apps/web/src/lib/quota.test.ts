import { DEFAULT_QUOTA_BYTES } from "@pacs/shared";
import { describeStorageUsage, readStorageQuota } from "./quota";

describe("readStorageQuota", () => {
  it("defaults to the standard quota and nothing used", () => {
    expect(readStorageQuota({})).toEqual({ usedBytes: 0, quotaBytes: DEFAULT_QUOTA_BYTES, freeBytes: DEFAULT_QUOTA_BYTES });
  });

  it("never reports negative free space", () => {
    expect(readStorageQuota({ usedBytes: 5_000, quotaBytes: 1_000 }).freeBytes).toBe(0);
  });
});

it("says how much of the quota is used", () => {
  expect(describeStorageUsage(readStorageQuota({ usedBytes: 1_234_000_000 }))).toBe("1.2 GB of 10 GB used");
});
