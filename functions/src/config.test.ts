import { readSignedUrlTtlSeconds } from "./config";

// docs/sharing.md promises that image URLs die at most 60 minutes after a revoke.
it("a signed-URL lifetime longer than the 60 minutes promised after a revoke is refused at start-up", () => {
  expect(() => readSignedUrlTtlSeconds({ PACS_SIGNED_URL_TTL_SECONDS: String(4 * 60 * 60) })).toThrow(/PACS_SIGNED_URL_TTL_SECONDS.*at most 3600/);
  expect(() => readSignedUrlTtlSeconds({ PACS_SIGNED_URL_TTL_SECONDS: "3601" })).toThrow(/at most 3600/);
  expect(() => readSignedUrlTtlSeconds({ PACS_SIGNED_URL_TTL_SECONDS: "0" })).toThrow(/positive whole number/);
  expect(() => readSignedUrlTtlSeconds({ PACS_SIGNED_URL_TTL_SECONDS: "ten" })).toThrow(/positive whole number/);
});

it("accepts lifetimes up to 60 minutes and defaults to 60", () => {
  expect(readSignedUrlTtlSeconds({})).toBe(3600);
  expect(readSignedUrlTtlSeconds({ PACS_SIGNED_URL_TTL_SECONDS: "900" })).toBe(900);
  expect(readSignedUrlTtlSeconds({ PACS_SIGNED_URL_TTL_SECONDS: "3600" })).toBe(3600);
});
