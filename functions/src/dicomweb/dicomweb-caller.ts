import type { NextFunction, Request, Response } from "express";
import { recordAudit } from "../audit/audit-log";
import { looksLikeAccessToken, verifyAccessToken, type AccessTokenScope } from "../access-tokens/verify-access-token";
import type { DicomwebDeps } from "./dicomweb-deps";
import { DicomwebError } from "./dicomweb-error";

/** Who is calling the DICOMweb service, and with what. */
export interface DicomwebCaller {
  uid: string;
  /** A signed-in user's Firebase ID token may do everything its owner may. */
  scope: AccessTokenScope;
  /** Set when the call came with a personal access token. */
  token?: { id: string; name: string };
}

/** The caller a route runs for (set by {@link authenticate}). */
export function callerOf(res: Response): DicomwebCaller {
  return res.locals.caller as DicomwebCaller;
}

/**
 * Resolves `Authorization: Bearer` to a caller: a personal access token
 * (`pacs_pat_…`) or a Firebase ID token with a verified email. Every
 * authenticated request is written to the owner's audit log before it is
 * answered: access that cannot be recorded is refused.
 */
export function authenticate(deps: DicomwebDeps) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const caller = await resolveCaller(deps, req.get("authorization"));
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
      next(error);
    }
  };
}

async function resolveCaller(deps: DicomwebDeps, authorization: string | undefined): Promise<DicomwebCaller> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1];
  if (!bearer) throw new DicomwebError(401, "This DICOMweb service needs a token: send Authorization: Bearer <personal access token> (Settings → Connect a tool).");
  if (looksLikeAccessToken(bearer)) {
    const token = await verifyAccessToken(deps.db, bearer, deps.now?.() ?? new Date());
    if (!token) throw new DicomwebError(401, "This access token is not valid: it is wrong, expired or revoked. Create a new one in Settings → Connect a tool.");
    return { uid: token.uid, scope: token.scope, token: { id: token.tokenId, name: token.tokenName } };
  }
  let decoded;
  try {
    decoded = await deps.verifyIdToken(bearer);
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
