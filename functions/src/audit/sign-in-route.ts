import type { Firestore } from "firebase-admin/firestore";
import { requireCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { recordAudit } from "./audit-log";

export interface SignInDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
}

/**
 * `POST /api/sessions`: the app reports a sign-in right after it happens.
 * The entry is made from the ID token's `auth_time`, which only Firebase
 * Auth can set, and once per sign-in (the id is the time), so a client can
 * neither invent sign-ins nor multiply them.
 */
export async function recordSignIn(deps: SignInDeps, request: ApiRequest): Promise<RouteResult> {
  const caller = await requireCaller(request, deps.verifyIdToken);
  const at = new Date(caller.authTime * 1000);
  await recordAudit(deps.db, caller.uid, { action: "sign-in", actor: "owner" }, at, `sign-in-${caller.authTime}`);
  return { status: 201, body: { recorded: at.toISOString() } };
}
