import type { Firestore } from "firebase-admin/firestore";
import { z } from "zod";
import { userRefs } from "../ingest/refs";
import { PinAttempts } from "./pin-guard";

/**
 * `shareTokens/{sha256(token)}`: how an opened link finds its owner and
 * link. Server-only (no rule opens it): it holds the PIN's slow hash and the
 * link-wide count of wrong PINs.
 */
export const ShareTokenRecord = z.object({
  ownerUid: z.string().min(1),
  linkId: z.string().min(1),
  pinHash: z.string().nullable(),
  pinFailures: PinAttempts.nullable(),
  expiresAt: z.date(),
  /** Retention deletes the token with its link, 30 days after expiry (TTL field). */
  purgeAt: z.date(),
});
export type ShareTokenRecord = z.infer<typeof ShareTokenRecord>;

/** `shareAttempts/{sha256(linkId|address)}`: wrong PINs from one address on one link; server-only, TTL on `expireAt`; `ownerUid` lets account deletion find them. */
export const ShareAttemptRecord = PinAttempts.extend({ expireAt: z.date(), ownerUid: z.string().optional() });

export function shareRefs(db: Firestore) {
  return {
    link: (ownerUid: string, linkId: string) => userRefs(db, ownerUid).user.collection("shareLinks").doc(linkId),
    links: (ownerUid: string) => userRefs(db, ownerUid).user.collection("shareLinks"),
    accessLog: (ownerUid: string, linkId: string) => userRefs(db, ownerUid).user.collection("shareLinks").doc(linkId).collection("accessLog"),
    token: (tokenHash: string) => db.collection("shareTokens").doc(tokenHash),
    attempts: (key: string) => db.collection("shareAttempts").doc(key),
  };
}
