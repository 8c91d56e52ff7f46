import { secureCookies } from "../config";
import { buildSessionCookie } from "./session-cookie";
import { issueViewerTicket, verifySessionTicket, type TicketClaims, type TicketKeys } from "./viewer-ticket";

/**
 * Measurements drawn in the owner's viewer are saved as a DICOM SR through
 * STOW-RS (docs/viewer.md, "Measurements"). OHIF's page holds no token, and a
 * token given to OHIF's authentication service would also be sent with every
 * image request to Storage. So the viewer session carries a second ticket, a
 * store ticket: "this owner may store into this study through this viewer
 * session until then", in a `__session` cookie whose path is the session's own
 * DICOMweb root. It is signed in its own domain (viewer-ticket.ts), so it never
 * opens a manifest, and a manifest ticket never stores.
 *
 * Two hours: long enough to read a study and measure it, short enough that a
 * browser left signed out does not keep it for long. After that, saving says
 * to open the study again.
 */
export const STORE_TICKET_TTL_SECONDS = 2 * 60 * 60;

/** The DICOMweb root a viewer session stores through: `/dicomweb/viewer-sessions/{session id}`. */
export function buildViewerSessionRoot(sid: string): string {
  return `/dicomweb/viewer-sessions/${sid}`;
}

/** The `Set-Cookie` value of a viewer session's store ticket. */
export function buildStoreCookie(keys: TicketKeys, uid: string, studyUID: string, sid: string, nowMs = Date.now()): string {
  const { ticket, expiresAt } = issueViewerTicket(keys, uid, studyUID, nowMs, { sid, purpose: "store", ttlSeconds: STORE_TICKET_TTL_SECONDS });
  return buildSessionCookie(ticket, buildViewerSessionRoot(sid), expiresAt, { nowMs, secure: secureCookies });
}

/** The claims of a valid store ticket of session `sid` among the request's `__session` cookies, or null. */
export function verifyStoreTicket(keys: TicketKeys, tickets: string[], sid: string, nowMs = Date.now()): TicketClaims | null {
  const claims = verifySessionTicket(keys, tickets, sid, nowMs, "store");
  // Share links never get one; a store ticket naming a link would be a forgery of our own making.
  return claims && claims.link === undefined ? claims : null;
}
