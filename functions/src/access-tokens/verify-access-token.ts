import type { Firestore } from "firebase-admin/firestore";

/** What a personal access token may do: DICOMweb reads, or reads and stores (STOW-RS). */
export type AccessTokenScope = "read" | "read-write";

/** The owner and rights behind a valid personal access token. */
export interface AccessTokenCaller {
  uid: string;
  tokenId: string;
  tokenName: string;
  scope: AccessTokenScope;
}

/** Personal access tokens start with this, so a Bearer value is told from a Firebase ID token (a JWT) before any lookup. */
export const ACCESS_TOKEN_PREFIX = "pacs_pat_";

export function looksLikeAccessToken(token: string): boolean {
  return token.startsWith(ACCESS_TOKEN_PREFIX);
}

/**
 * The caller behind a personal access token, or null when it is unknown,
 * wrong, expired or revoked (one answer for all, so a guess learns nothing).
 * STUB: the access-tokens work replaces this with the real lookup.
 */
export async function verifyAccessToken(_db: Firestore, _token: string, _now = new Date()): Promise<AccessTokenCaller | null> {
  return null;
}
