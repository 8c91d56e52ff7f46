import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * OHIF fetches its manifest with a plain GET: no Authorization header. The
 * signed-in app therefore asks for a ticket, a short-lived, signed statement
 * "this owner may read this study's manifest until then", and hands OHIF a
 * URL carrying it. Signed with HMAC-SHA256 under its own secret
 * (`PACS_TICKET_SECRET`, service-keys.ts), so that a leaked URL-signing or
 * share-token key cannot mint tickets.
 */
export const VIEWER_TICKET_TTL_SECONDS = 5 * 60;

const TicketClaims = z.object({
  uid: z.string().min(1),
  study: z.string().min(1),
  exp: z.number().int(),
  /** Set on tickets from a share link: its manifest is checked against the link (revoked, expired) on every fetch. */
  link: z.string().min(1).optional(),
  /** The viewer session the ticket belongs to: the id in its manifest path (session-cookie.ts). */
  sid: z.string().min(1).optional(),
});
export type TicketClaims = z.infer<typeof TicketClaims>;

/**
 * What a ticket allows: `view` loads a manifest (five minutes); `store` lets
 * the owner's viewer save measurements (an SR) into that study through its
 * viewer session's DICOMweb root (dicomweb/viewer-session-store.ts).
 */
export type TicketPurpose = "view" | "store";
const MAC_DOMAINS: Record<TicketPurpose, string> = { view: "pacs viewer ticket v2", store: "pacs store ticket v1" };

/** The ticket secret; only the server both signs and checks tickets, so a symmetric key is enough. */
export class TicketKeys {
  readonly #secret: Buffer;
  constructor(secret: string | Buffer) {
    this.#secret = Buffer.from(secret);
    if (this.#secret.length < 32) throw new Error("The viewer ticket secret must be at least 32 bytes (PACS_TICKET_SECRET, docs/deploy.md)");
  }
  /** Each purpose signs in its own domain, so a store ticket never opens a manifest, nor the reverse. */
  mac(payload: string, purpose: TicketPurpose = "view"): Buffer {
    return createHmac("sha256", this.#secret).update(`${MAC_DOMAINS[purpose]}.${payload}`).digest();
  }
}

export interface TicketScope {
  /** The share link the ticket was issued through. */
  link?: string;
  ttlSeconds?: number;
  /** The ticket never outlives this moment (a share link's expiry). */
  notAfterMs?: number;
  /** The session id in the manifest path; the ticket is accepted only there. */
  sid?: string;
  purpose?: TicketPurpose;
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
  const claims: TicketClaims = { uid, study, exp, ...(scope.link ? { link: scope.link } : {}), ...(scope.sid ? { sid: scope.sid } : {}) };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  const signature = keys.mac(payload, scope.purpose).toString("base64url");
  return { ticket: `${payload}.${signature}`, expiresAt: new Date(exp * 1000) };
}

/** The ticket's claims, or null when it is malformed, forged or expired. */
export function verifyViewerTicket(keys: TicketKeys, ticket: string, nowMs = Date.now(), purpose: TicketPurpose = "view"): TicketClaims | null {
  const [payload, signature, extra] = ticket.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = keys.mac(payload, purpose);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let claims: TicketClaims;
  try {
    claims = TicketClaims.parse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
  } catch {
    return null;
  }
  return claims.exp * 1000 > nowMs ? claims : null;
}

/**
 * The claims of the first ticket among a request's `__session` cookies that
 * is valid and belongs to session `sid`; null when there is none.
 */
export function verifySessionTicket(keys: TicketKeys, tickets: string[], sid: string, nowMs = Date.now(), purpose: TicketPurpose = "view"): TicketClaims | null {
  for (const ticket of tickets) {
    const claims = verifyViewerTicket(keys, ticket, nowMs, purpose);
    if (claims && claims.sid === sid) return claims;
  }
  return null;
}
