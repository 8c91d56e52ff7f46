import type { Firestore } from "firebase-admin/firestore";
import { requireCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { recordAudit } from "./audit-log";

export interface SignInDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
}

/** The entry for one sign-in, made once: its id is the token's `auth_time`. */
export function recordSignInEntry(db: Firestore, uid: string, authTime: number): Promise<void> {
  return recordAudit(db, uid, { action: "sign-in", actor: "owner" }, new Date(authTime * 1000), `sign-in-${authTime}`);
}

/**
 * `POST /api/sessions`: the app reports a sign-in right after it happens.
 * The entry is made from the ID token's `auth_time`, which only Firebase
 * Auth can set, and once per sign-in (the id is the time), so a client can
 * neither invent sign-ins nor multiply them.
 */
export async function recordSignIn(deps: SignInDeps, request: ApiRequest): Promise<RouteResult> {
  const caller = await requireCaller(request, deps.verifyIdToken);
  await recordSignInEntry(deps.db, caller.uid, caller.authTime);
  return { status: 201, body: { recorded: new Date(caller.authTime * 1000).toISOString() } };
}
