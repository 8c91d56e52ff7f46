import type { Request } from "express";
import { readSessionCookies } from "../viewer/session-cookie";
import { verifyStoreTicket } from "../viewer/store-ticket";
import type { DicomwebCaller } from "./dicomweb-caller";
import type { DicomwebDeps } from "./dicomweb-deps";
import { DicomwebError } from "./dicomweb-error";

/** `/viewer-sessions/{session id}/…` under the DICOMweb root; the id is the one in the manifest path. */
const SESSION_ROOT = /^\/viewer-sessions\/([A-Za-z0-9_-]{22})(\/.*)?$/;

/**
 * A viewer session's own DICOMweb root, `/dicomweb/viewer-sessions/{sid}`,
 * through which the owner's embedded OHIF saves measurements as an SR
 * (docs/viewer.md, "Measurements"). Its credential is the session's store
 * ticket, an HttpOnly cookie scoped to this root (viewer/store-ticket.ts);
 * no Authorization header is read here. It allows one thing, STOW-RS
 * `POST studies`, which is rewritten to `POST /studies/{the ticket's study}`
 * so that the STOW route stores into that study only, and only structured
 * reports (the measurements OHIF saves): any other SOP class is refused
 * with 0x0122 (stow/store-instances.ts).
 *
 * Returns null for every other path: those authenticate with a token.
 */
export function resolveViewerSessionCaller(deps: Pick<DicomwebDeps, "ticketKeys" | "now">, req: Request): DicomwebCaller | null {
  const match = SESSION_ROOT.exec(req.path);
  if (!match) return null;
  const [, sid, rest = ""] = match;
  if (req.method !== "POST" || rest.replace(/\/+$/, "") !== "/studies") {
    throw new DicomwebError(404, "A viewer session's DICOMweb root only stores measurement reports (STOW-RS POST studies); use /dicomweb with a token for anything else.");
  }
  const keys = deps.ticketKeys?.();
  if (!keys) throw new DicomwebError(503, "Saving from the viewer is not configured on this server (PACS_TICKET_SECRET).");
  const claims = verifyStoreTicket(keys, readSessionCookies(req.get("cookie")), sid!, (deps.now?.() ?? new Date()).getTime());
  if (!claims) throw new DicomwebError(401, "This viewer session has expired or is not valid. Open the study again from your study list, then save your measurements.");
  req.url = `/studies/${claims.study}`;
  return { uid: claims.uid, scope: "read-write", viewerSession: true };
}
