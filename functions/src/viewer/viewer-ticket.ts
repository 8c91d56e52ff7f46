import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";

/**
 * OHIF fetches its manifest with a plain GET: no Authorization header. The
 * signed-in app therefore asks for a ticket, a short-lived, signed statement
 * "this owner may read this study's manifest until then", and hands OHIF a
 * URL carrying it. Signed with the URL-signing key (RSA-SHA256), so nothing
 * else needs to be kept secret.
 */
export const VIEWER_TICKET_TTL_SECONDS = 5 * 60;

const TicketClaims = z.object({
  uid: z.string().min(1),
  study: z.string().min(1),
  exp: z.number().int(),
  /** Set on tickets from a share link: its manifest is checked against the link (revoked, expired) on every fetch. */
  link: z.string().min(1).optional(),
});
export type TicketClaims = z.infer<typeof TicketClaims>;

export class TicketKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
  }
}

export interface TicketScope {
  /** The share link the ticket was issued through. */
  link?: string;
  ttlSeconds?: number;
  /** The ticket never outlives this moment (a share link's expiry). */
  notAfterMs?: number;
}

export function issueViewerTicket(
  keys: TicketKeys,
  uid: string,
  study: string,
  nowMs = Date.now(),
  scope: TicketScope = {},
): { ticket: string; expiresAt: Date } {
  const ttlEnd = Math.floor(nowMs / 1000) + (scope.ttlSeconds ?? VIEWER_TICKET_TTL_SECONDS);
  const exp = scope.notAfterMs === undefined ? ttlEnd : Math.min(ttlEnd, Math.floor(scope.notAfterMs / 1000));
  const claims: TicketClaims = { uid, study, exp, ...(scope.link ? { link: scope.link } : {}) };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = sign("sha256", Buffer.from(payload), keys.privateKey).toString("base64url");
  return { ticket: `${payload}.${signature}`, expiresAt: new Date(exp * 1000) };
}

/** The ticket's claims, or null when it is malformed, forged or expired. */
export function verifyViewerTicket(keys: TicketKeys, ticket: string, nowMs = Date.now()): TicketClaims | null {
  const [payload, signature, extra] = ticket.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  if (!verify("sha256", Buffer.from(payload), keys.publicKey, Buffer.from(signature, "base64url"))) return null;
  let claims: TicketClaims;
  try {
    claims = TicketClaims.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  return claims.exp * 1000 > nowMs ? claims : null;
}
