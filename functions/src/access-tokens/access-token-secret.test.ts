import { createHash } from "node:crypto";
import * as crypto from "node:crypto";
import { accessTokenSecretMatches, buildAccessToken, hashAccessTokenSecret, looksLikeAccessToken, newAccessTokenParts, parseAccessToken } from "./access-token-secret";
import { ACCESS_TOKEN_PREFIX } from "./verify-access-token";

jest.mock("node:crypto", () => {
  const actual = jest.requireActual<typeof import("node:crypto")>("node:crypto");
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});

describe("the token's format", () => {
  it("is pacs_pat_<32 hex id>_<43 base64url secret>, and parses back to its parts", () => {
    const parts = newAccessTokenParts();
    const token = buildAccessToken(parts);
    expect(token).toMatch(/^pacs_pat_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    expect(token.startsWith(ACCESS_TOKEN_PREFIX)).toBe(true);
    expect(looksLikeAccessToken(token)).toBe(true);
    expect(parseAccessToken(token)).toEqual(parts);
  });

  it("parses a secret that contains underscores (base64url) by length, not by splitting", () => {
    const parts = { tokenId: "0".repeat(32), secret: `_${"a_".repeat(21)}` };
    expect(parseAccessToken(buildAccessToken(parts))).toEqual(parts);
  });

  it("gives a new id and secret each time, with 256 bits of secret", () => {
    const a = newAccessTokenParts();
    const b = newAccessTokenParts();
    expect(a.tokenId).not.toBe(b.tokenId);
    expect(a.secret).not.toBe(b.secret);
    expect(Buffer.from(a.secret, "base64url")).toHaveLength(32);
  });

  it.each([
    ["a Firebase ID token", "eyJhbGciOiJSUzI1NiJ9.e30.sig"],
    ["a short id", "pacs_pat_0000_wrong"],
    ["a secret one character short", `pacs_pat_${"0".repeat(32)}_${"a".repeat(42)}`],
    ["trailing whitespace", `pacs_pat_${"0".repeat(32)}_${"a".repeat(43)} `],
    ["an upper-case id", `pacs_pat_${"A".repeat(32)}_${"a".repeat(43)}`],
  ])("refuses %s", (_label, token) => {
    expect(parseAccessToken(token)).toBeNull();
  });
});

describe("what is stored", () => {
  it("is the SHA-256 of the secret, never the secret", () => {
    const { secret } = newAccessTokenParts();
    const stored = hashAccessTokenSecret(secret);
    expect(stored).toBe(createHash("sha256").update(secret).digest("hex"));
    expect(stored).not.toContain(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
  });

  it("matches the right secret only", () => {
    const { secret } = newAccessTokenParts();
    const stored = hashAccessTokenSecret(secret);
    expect(accessTokenSecretMatches(secret, stored)).toBe(true);
    expect(accessTokenSecretMatches(newAccessTokenParts().secret, stored)).toBe(false);
    expect(accessTokenSecretMatches(`${secret.slice(0, -1)}A`, stored)).toBe(false);
  });

  it("treats a malformed stored hash as a mismatch, not a crash", () => {
    expect(accessTokenSecretMatches("anything", "not-hex")).toBe(false);
  });

  it("compares in constant time (crypto.timingSafeEqual on the two digests)", () => {
    const compare = crypto.timingSafeEqual as jest.MockedFunction<typeof crypto.timingSafeEqual>;
    compare.mockClear();
    const { secret } = newAccessTokenParts();
    accessTokenSecretMatches(secret, hashAccessTokenSecret(newAccessTokenParts().secret));
    expect(compare).toHaveBeenCalledTimes(1);
    const [a, b] = compare.mock.calls[0]!;
    expect(a).toHaveLength(32);
    expect(b).toHaveLength(32);
  });
});
