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

const TicketClaims = z.object({ uid: z.string().min(1), study: z.string().min(1), exp: z.number().int() });
export type TicketClaims = z.infer<typeof TicketClaims>;

export class TicketKeys {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  constructor(privateKeyPem: string) {
    this.privateKey = createPrivateKey(privateKeyPem);
    this.publicKey = createPublicKey(this.privateKey);
  }
}

export function issueViewerTicket(keys: TicketKeys, uid: string, study: string, nowMs = Date.now()): { ticket: string; expiresAt: Date } {
  const exp = Math.floor(nowMs / 1000) + VIEWER_TICKET_TTL_SECONDS;
  const payload = Buffer.from(JSON.stringify({ uid, study, exp })).toString("base64url");
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
