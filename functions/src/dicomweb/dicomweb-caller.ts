import type { NextFunction, Request, Response } from "express";
import { recordAudit } from "../audit/audit-log";
import { verifyAccessToken, type AccessTokenScope } from "../access-tokens/verify-access-token";
import { AccountDeletedError } from "../privacy/account-tombstone";
import { readDicomwebCredentials } from "./dicomweb-credentials";
import type { DicomwebDeps } from "./dicomweb-deps";
import { DicomwebError } from "./dicomweb-error";
import { resolveViewerSessionCaller } from "./viewer-session-store";

/** Who is calling the DICOMweb service, and with what. */
export interface DicomwebCaller {
  uid: string;
  /** A signed-in user's Firebase ID token may do everything its owner may. */
  scope: AccessTokenScope;
  /** Set when the call came with a personal access token. */
  token?: { id: string; name: string };
  /** Set when the call came through a viewer session's save root: it may store structured reports only. */
  viewerSession?: true;
}

/**
 * The 401's challenge (RFC 7235). Bearer only: a Basic challenge would make
 * a browser viewer pop up its own password box; tools that send Basic send
 * it without being asked.
 */
const CHALLENGE = 'Bearer realm="DICOMweb"';

/** The caller a route runs for (set by {@link authenticate}). */
export function callerOf(res: Response): DicomwebCaller {
  return res.locals.caller as DicomwebCaller;
}

/**
 * Resolves `Authorization` to a caller: a personal access token
 * (`pacs_pat_…`, Bearer or Basic) or a Firebase ID token with a verified
 * email (Bearer only); see dicomweb-credentials.ts. Every
 * authenticated request is written to the owner's audit log before it is
 * answered: access that cannot be recorded is refused.
 */
export function authenticate(deps: DicomwebDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = resolveViewerSessionCaller(deps, req) ?? (await resolveCaller(deps, req.get("authorization")));
      res.locals.caller = caller;
      const study = /^\/studies\/([0-9.]+)/.exec(req.path)?.[1];
      await recordAudit(deps.db, caller.uid, {
        action: "dicomweb-request",
        actor: "owner",
        request: `${req.method} ${describeRoute(req.path)}`,
        ...(study ? { StudyInstanceUID: study } : {}),
        ...(caller.token ? { tokenName: caller.token.name } : {}),
      });
      next();
    } catch (error) {
      // The audit entry is refused once an account's erasure has begun: so is the request.
      const refusal = error instanceof AccountDeletedError ? new DicomwebError(401, "This account was deleted.") : error;
      if (refusal instanceof DicomwebError && refusal.status === 401) res.set("WWW-Authenticate", CHALLENGE);
      next(refusal);
    }
  };
}

async function resolveCaller(deps: DicomwebDeps, authorization: string | undefined): Promise<DicomwebCaller> {
  const credentials = readDicomwebCredentials(authorization);
  if (credentials.kind === "none") throw new DicomwebError(401, credentials.problem);
  if (credentials.kind === "access-token") {
    const token = await verifyAccessToken(deps.db, credentials.token, deps.now?.() ?? new Date());
    if (!token) throw new DicomwebError(401, "This access token is not valid: it is wrong, expired or revoked. Create a new one in Settings → Connect a tool.");
    return { uid: token.uid, scope: token.scope, token: { id: token.tokenId, name: token.tokenName } };
  }
  let decoded;
  try {
    decoded = await deps.verifyIdToken(credentials.token);
  } catch {
    throw new DicomwebError(401, "This token is not valid: sign in again, or use a personal access token (Settings → Connect a tool).");
  }
  if (decoded.email_verified !== true) throw new DicomwebError(403, "Verify your email address before using DICOMweb.");
  return { uid: decoded.uid, scope: "read-write" };
}

/** STOW-RS and every other write need a token with the write scope. */
export function requireWriteScope(_req: Request, res: Response, next: NextFunction) {
  if (callerOf(res).scope !== "read-write") {
    return next(new DicomwebError(403, "This access token may only read. Storing (STOW-RS) needs a token with the read and write scope."));
  }
  next();
}

/** The route with UIDs folded, for the audit log: "studies/{study}/series/{series}/metadata". */
export function describeRoute(path: string): string {
  return path
    .replace(/^\/+/, "")
    .replace(/(studies|series|instances)\/[0-9.]+/g, (_, level: string) => `${level}/{${level === "studies" ? "study" : level === "series" ? "series" : "instance"}}`)
    .replace(/frames\/[0-9,]+/, "frames/{n}");
}
