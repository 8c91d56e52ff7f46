import { randomBytes, timingSafeEqual } from "node:crypto";
import { sha256Hex } from "../sha256";

/**
 * A personal access token is `pacs_pat_<tokenId>_<secret>`:
 * - `tokenId`, 128 random bits in hex (32 characters), names the record
 *   `accessTokens/{tokenId}`, so a request finds it in one read;
 * - `secret`, 256 random bits in base64url (43 characters), is checked
 *   against the stored SHA-256. A plain hash is enough for a secret that
 *   cannot be guessed; a slow hash is for passwords.
 * Both parts have fixed lengths, so the token parses without ambiguity
 * even though base64url may hold "_".
 */
export const ACCESS_TOKEN_PREFIX = "pacs_pat_";
const TOKEN_PATTERN = /^pacs_pat_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export interface AccessTokenParts {
  tokenId: string;
  secret: string;
}

export function looksLikeAccessToken(token: string): boolean {
  return token.startsWith(ACCESS_TOKEN_PREFIX);
}

/** A new token's parts, from the system's secure random source. */
export function newAccessTokenParts(): AccessTokenParts {
  return { tokenId: randomBytes(16).toString("hex"), secret: randomBytes(32).toString("base64url") };
}

export function buildAccessToken({ tokenId, secret }: AccessTokenParts): string {
  return `${ACCESS_TOKEN_PREFIX}${tokenId}_${secret}`;
}

/** The parts of a well-formed token, or null (anything else, including stray whitespace). */
export function parseAccessToken(token: string): AccessTokenParts | null {
  const match = TOKEN_PATTERN.exec(token);
  return match ? { tokenId: match[1]!, secret: match[2]! } : null;
}

/** What `accessTokens/{tokenId}.secretHash` holds instead of the secret. */
export function hashAccessTokenSecret(secret: string): string {
  return sha256Hex(secret);
}

/** Whether a presented secret matches the stored hash, in time that does not depend on where they differ. */
export function accessTokenSecretMatches(secret: string, secretHash: string): boolean {
  const presented = Buffer.from(hashAccessTokenSecret(secret), "hex");
  const stored = Buffer.from(secretHash, "hex");
  // Both are SHA-256 digests; a malformed stored hash is a mismatch, not a crash.
  return stored.length === presented.length && timingSafeEqual(presented, stored);
}
