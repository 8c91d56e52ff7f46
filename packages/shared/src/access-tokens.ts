import { z } from "zod";

/**
 * Personal access tokens: how DICOMweb tools and gateways (OHIF, Weasis,
 * Orthanc, a script) act for a user without their password (docs/dicomweb.md).
 * The token is shown once at creation; the server keeps only a hash of its
 * secret part, in the server-only `accessTokens/{tokenId}`.
 */

/** What a token may do: DICOMweb reads (QIDO-RS, WADO-RS), or reads and stores (STOW-RS). */
export const AccessTokenScope = z.enum(["read", "read-write"]);
export type AccessTokenScope = z.infer<typeof AccessTokenScope>;

export const ACCESS_TOKEN_SCOPE_TEXT: Record<AccessTokenScope, string> = {
  read: "Read",
  "read-write": "Read and write",
};

/** No token lives longer than a year; the form proposes 90 days. */
export const MAX_ACCESS_TOKEN_DAYS = 365;
export const DEFAULT_ACCESS_TOKEN_DAYS = 90;
/** Expired and revoked tokens stay listed this long, then retention deletes them (TTL on `purgeAt`). */
export const ACCESS_TOKEN_PURGE_AFTER_DAYS = 30;
/** Live (neither expired nor revoked) tokens one user may hold at once. */
export const MAX_LIVE_ACCESS_TOKENS = 50;

export const AccessTokenName = z
  .string()
  .trim()
  .min(1, "Give the token a name, such as the tool that will use it.")
  .max(100, "Use at most 100 characters for the name.");

/** `POST /api/access-tokens`: what the user chooses in Settings → Connect a tool. */
export const CreateAccessTokenRequest = z.object({
  name: AccessTokenName,
  scope: AccessTokenScope,
  expiresInDays: z
    .number("Choose how many days the token works.")
    .int("Choose a whole number of days.")
    .min(1, "A token works for at least 1 day.")
    .max(MAX_ACCESS_TOKEN_DAYS, `A token works for at most ${MAX_ACCESS_TOKEN_DAYS} days (one year).`),
});
export type CreateAccessTokenRequest = z.infer<typeof CreateAccessTokenRequest>;

/**
 * `accessTokens/{tokenId}`: one token. Top level, so that a request finds it
 * by the id inside the token without knowing the owner; `uid` names the
 * owner. Server-only (no rule opens it). `secretHash` is the SHA-256 of the
 * token's 256-bit random secret: the secret itself is never stored.
 */
export const AccessTokenRecord = z.object({
  uid: z.string().min(1),
  name: AccessTokenName,
  scope: AccessTokenScope,
  secretHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.date(),
  expiresAt: z.date(),
  /** Updated at most once a minute, so that a burst of requests is not a burst of writes. */
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
  /** When retention may delete the record (Firestore TTL field). */
  purgeAt: z.date(),
});
export type AccessTokenRecord = z.infer<typeof AccessTokenRecord>;

/** One token as Settings lists it: never its secret, never its hash. */
export const AccessTokenListItem = z.object({
  id: z.string().min(1),
  name: z.string(),
  scope: AccessTokenScope,
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().optional(),
  revokedAt: z.string().optional(),
});
export type AccessTokenListItem = z.infer<typeof AccessTokenListItem>;

/** `GET /api/access-tokens`, newest first. */
export const AccessTokenList = z.object({ tokens: z.array(AccessTokenListItem) });
export type AccessTokenList = z.infer<typeof AccessTokenList>;

/** The answer to a creation: the token itself, this once. */
export const CreatedAccessToken = AccessTokenListItem.extend({ token: z.string().min(1) });
export type CreatedAccessToken = z.infer<typeof CreatedAccessToken>;

export type AccessTokenStatus = "active" | "expired" | "revoked";

export function accessTokenStatus(token: { expiresAt: Date | string; revokedAt?: Date | string | null | undefined }, now: Date): AccessTokenStatus {
  if (token.revokedAt) return "revoked";
  return new Date(token.expiresAt).getTime() <= now.getTime() ? "expired" : "active";
}
