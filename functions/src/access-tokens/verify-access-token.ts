import { AccessTokenRecord, type AccessTokenScope } from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { parseSnapshot } from "../ingest/firestore-data";
import { accessTokenSecretMatches, parseAccessToken } from "./access-token-secret";
import { accessTokenRef } from "./access-token-refs";

export { ACCESS_TOKEN_PREFIX, looksLikeAccessToken } from "./access-token-secret";
export type { AccessTokenScope } from "@pacs/shared";

/** The owner and rights behind a valid personal access token. */
export interface AccessTokenCaller {
  uid: string;
  tokenId: string;
  tokenName: string;
  scope: AccessTokenScope;
}

/** `lastUsedAt` is written only when the stored one is older than this: a burst of requests is one write. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export type AccessTokenRefusal = "unknown" | "wrong-secret" | "expired" | "revoked";

/** Why a stored token does not let this secret in at `now`, or null when it does. */
export function refuseAccessToken(record: AccessTokenRecord | null, secret: string, now: Date): AccessTokenRefusal | null {
  if (!record) return "unknown";
  // The secret first, so that what follows is told only to whoever holds the token.
  if (!accessTokenSecretMatches(secret, record.secretHash)) return "wrong-secret";
  if (record.revokedAt) return "revoked";
  if (record.expiresAt.getTime() <= now.getTime()) return "expired";
  return null;
}

export function isLastUseStale(record: Pick<AccessTokenRecord, "lastUsedAt">, now: Date): boolean {
  return !record.lastUsedAt || now.getTime() - record.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS;
}

/**
 * The caller behind a personal access token, or null when it is malformed,
 * unknown, wrong, expired or revoked (one answer for all, so a guess learns
 * nothing). The record is read on every request, never cached, so a revoke
 * takes effect on the next one. A deleted account's tokens are deleted when
 * its erasure begins (privacy/delete-account.ts), and the audit entry every
 * request writes is refused once the account's tombstone exists.
 */
export async function verifyAccessToken(db: Firestore, token: string, now = new Date()): Promise<AccessTokenCaller | null> {
  const parts = parseAccessToken(token);
  if (!parts) return null;
  const ref = accessTokenRef(db, parts.tokenId);
  const snapshot = await ref.get();
  const record = snapshot.exists ? parseSnapshot(AccessTokenRecord, snapshot) : null;
  if (!record || refuseAccessToken(record, parts.secret, now)) return null;
  if (isLastUseStale(record, now)) {
    // Bookkeeping, not a check: a failed write (the record deleted a moment ago) does not refuse the request.
    await ref.update({ lastUsedAt: now }).catch((error: unknown) => console.warn(`access token ${parts.tokenId}: lastUsedAt not recorded`, error));
  }
  return { uid: record.uid, tokenId: parts.tokenId, tokenName: record.name, scope: record.scope };
}
