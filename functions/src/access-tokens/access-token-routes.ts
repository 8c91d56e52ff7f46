import {
  ACCESS_TOKEN_PURGE_AFTER_DAYS,
  AccessTokenRecord,
  accessTokenStatus,
  CreateAccessTokenRequest,
  MAX_LIVE_ACCESS_TOKENS,
  type AccessTokenListItem,
  type CreatedAccessToken,
} from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { auditLog, newAuditEntry } from "../audit/audit-log";
import { ApiError, NO_STORE, parseBody, requireVerifiedCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { assertAccountLive } from "../privacy/account-tombstone";
import { accessTokenRef, accessTokensOf } from "./access-token-refs";
import { buildAccessToken, hashAccessTokenSecret, newAccessTokenParts } from "./access-token-secret";

export interface AccessTokenDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  now?: () => Date;
}

const DAY_MS = 86_400_000;
const NOT_FOUND = "There is no such access token.";
const TOKEN_ID_PATTERN = /^[0-9a-f]{32}$/;

/** A record as Settings shows it: dates as ISO strings, and neither the secret nor its hash. */
export function listItemOf(id: string, record: AccessTokenRecord): AccessTokenListItem {
  return {
    id,
    name: record.name,
    scope: record.scope,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt.toISOString(),
    ...(record.lastUsedAt ? { lastUsedAt: record.lastUsedAt.toISOString() } : {}),
    ...(record.revokedAt ? { revokedAt: record.revokedAt.toISOString() } : {}),
  };
}

async function readOwnTokens(db: Firestore, uid: string): Promise<Array<{ id: string; record: AccessTokenRecord }>> {
  const snapshot = await accessTokensOf(db, uid).get();
  return snapshot.docs.map((doc) => ({ id: doc.id, record: parseSnapshot(AccessTokenRecord, doc) }));
}

/**
 * `POST /api/access-tokens { name, scope, expiresInDays }`: a new token for a
 * DICOMweb tool. The answer carries the token this once; Firestore gets only
 * the hash of its secret. The record and its audit entry land together, in
 * a transaction that refuses an account whose erasure has begun.
 */
export async function createAccessToken(deps: AccessTokenDeps, request: ApiRequest): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const input = parseBody(CreateAccessTokenRequest, request.body);
  const now = deps.now?.() ?? new Date();
  const live = (await readOwnTokens(deps.db, caller.uid)).filter(({ record }) => accessTokenStatus(record, now) === "active");
  if (live.length >= MAX_LIVE_ACCESS_TOKENS) {
    throw new ApiError(409, `You already have ${MAX_LIVE_ACCESS_TOKENS} working access tokens. Revoke one you no longer use, then create this one.`);
  }
  const parts = newAccessTokenParts();
  const expiresAt = new Date(now.getTime() + input.expiresInDays * DAY_MS);
  const record: AccessTokenRecord = {
    uid: caller.uid,
    name: input.name,
    scope: input.scope,
    secretHash: hashAccessTokenSecret(parts.secret),
    createdAt: now,
    expiresAt,
    lastUsedAt: null,
    revokedAt: null,
    purgeAt: new Date(expiresAt.getTime() + ACCESS_TOKEN_PURGE_AFTER_DAYS * DAY_MS),
  };
  await deps.db.runTransaction(async (tx) => {
    await assertAccountLive(tx, deps.db, caller.uid);
    tx.create(accessTokenRef(deps.db, parts.tokenId), record);
    tx.create(auditLog(deps.db, caller.uid).doc(), newAuditEntry({ action: "access-token-created", actor: "owner", tokenName: input.name }, now));
  });
  const body: CreatedAccessToken = { ...listItemOf(parts.tokenId, record), token: buildAccessToken(parts) };
  return { status: 201, body, headers: NO_STORE };
}

/** `GET /api/access-tokens`: the caller's tokens, newest first, revoked and expired ones until retention deletes them. */
export async function listAccessTokens(deps: AccessTokenDeps, request: ApiRequest): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const tokens = (await readOwnTokens(deps.db, caller.uid)).sort((a, b) => b.record.createdAt.getTime() - a.record.createdAt.getTime());
  return { status: 200, body: { tokens: tokens.map(({ id, record }) => listItemOf(id, record)) }, headers: NO_STORE };
}

/**
 * `POST /api/access-tokens/{tokenId}/revoke`: the token stops working at
 * once, since every DICOMweb request reads its record. Another user's token
 * is "not found", so that its existence is not revealed. Revoking twice is
 * one revoke.
 */
export async function revokeAccessToken(deps: AccessTokenDeps, request: ApiRequest, tokenId: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  if (!TOKEN_ID_PATTERN.test(tokenId)) throw new ApiError(404, NOT_FOUND);
  const ref = accessTokenRef(deps.db, tokenId);
  const snapshot = await ref.get();
  const record = snapshot.exists ? parseSnapshot(AccessTokenRecord, snapshot) : null;
  if (!record || record.uid !== caller.uid) throw new ApiError(404, NOT_FOUND);
  const revokedAt = record.revokedAt ?? deps.now?.() ?? new Date();
  if (!record.revokedAt) {
    const batch = deps.db.batch();
    batch.update(ref, { revokedAt });
    batch.create(auditLog(deps.db, caller.uid).doc(), newAuditEntry({ action: "access-token-revoked", actor: "owner", tokenName: record.name }, revokedAt));
    await batch.commit();
  }
  return { status: 200, body: listItemOf(tokenId, { ...record, revokedAt }), headers: NO_STORE };
}
