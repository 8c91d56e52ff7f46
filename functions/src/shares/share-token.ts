import { createHmac, randomBytes } from "node:crypto";
import { sha256Hex } from "../sha256";

/**
 * A share link's token is derived, not stored: HMAC-SHA256(key, linkId). The
 * owner can therefore copy a link again from the "Shared links" page while
 * Firestore holds only the token's SHA-256 (`shareTokens/{hash}`), which is
 * all that opening a link needs. 256 bits, base64url: 43 characters.
 *
 * Rotating the key does not break existing links (they are found by hash);
 * it only means their links can no longer be re-derived for copying.
 */
export const SHARE_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The HMAC key, from its own secret (`PACS_SHARE_TOKEN_SECRET`,
 * service-keys.ts), not from the URL-signing key: a leaked signing key must
 * not let anyone rebuild every share link.
 */
export function deriveShareTokenKey(secret: string | Buffer): Buffer {
  return createHmac("sha256", secret).update("pacs share-link token key v1").digest();
}

/** 128 random bits: the link's name on the owner's side, never a credential. */
export function newShareLinkId(): string {
  return randomBytes(16).toString("base64url");
}

export function shareTokenFor(key: Buffer, linkId: string): string {
  return createHmac("sha256", key).update(linkId).digest("base64url");
}

/** What Firestore keeps instead of the token. A plain hash is enough: the token has 256 random-looking bits. */
export function hashShareToken(token: string): string {
  return sha256Hex(token);
}

export function shareLinkPath(token: string): string {
  return `/s/${token}`;
}
