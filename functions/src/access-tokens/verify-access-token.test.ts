import { Timestamp, type Firestore } from "firebase-admin/firestore";
import { buildAccessToken, hashAccessTokenSecret, newAccessTokenParts } from "./access-token-secret";
import { LAST_USED_RESOLUTION_MS, refuseAccessToken, verifyAccessToken } from "./verify-access-token";

const NOW = new Date("2030-06-01T12:00:00Z");
const DAY = 86_400_000;
const parts = newAccessTokenParts();
const token = buildAccessToken(parts);

function stored(overrides: Record<string, Date | null> = {}) {
  return {
    uid: "alice",
    name: "Orthanc gateway",
    scope: "read-write" as const,
    secretHash: hashAccessTokenSecret(parts.secret),
    createdAt: new Date(NOW.getTime() - 10 * DAY),
    expiresAt: new Date(NOW.getTime() + 80 * DAY),
    lastUsedAt: null,
    revokedAt: null,
    purgeAt: new Date(NOW.getTime() + 110 * DAY),
    ...overrides,
  };
}

/** A Firestore holding one token record (or none), remembering the updates made to it. */
function fakeDb(record: ReturnType<typeof stored> | null) {
  const updates: unknown[] = [];
  const asFirestore = (value: Date | unknown) => (value instanceof Date ? Timestamp.fromDate(value) : value);
  const ids: string[] = [];
  const doc = (id: string) => ({
    get: async () => {
      ids.push(id);
      const data = record && id === parts.tokenId ? Object.fromEntries(Object.entries(record).map(([k, v]) => [k, asFirestore(v)])) : undefined;
      return { exists: data !== undefined, data: () => data };
    },
    update: async (fields: unknown) => void updates.push(fields),
  });
  return { db: { collection: (name: string) => (name === "accessTokens" ? { doc } : null) } as unknown as Firestore, updates, ids };
}

describe("refuseAccessToken", () => {
  it("lets a live token with its secret in", () => {
    expect(refuseAccessToken(stored(), parts.secret, NOW)).toBeNull();
  });

  it.each([
    ["unknown", null, parts.secret],
    ["wrong-secret", stored(), newAccessTokenParts().secret],
    ["revoked", stored({ revokedAt: new Date(NOW.getTime() - 1000) }), parts.secret],
    ["expired", stored({ expiresAt: NOW }), parts.secret],
  ])("refuses a token that is %s", (reason, record, secret) => {
    expect(refuseAccessToken(record, secret, NOW)).toBe(reason);
  });

  it("tells nothing about expiry or revocation to whoever lacks the secret", () => {
    expect(refuseAccessToken(stored({ revokedAt: NOW, expiresAt: NOW }), "x".repeat(43), NOW)).toBe("wrong-secret");
  });
});

describe("verifyAccessToken", () => {
  it("answers the owner, the token's id and name and its scope", async () => {
    const { db } = fakeDb(stored());
    expect(await verifyAccessToken(db, token, NOW)).toEqual({ uid: "alice", tokenId: parts.tokenId, tokenName: "Orthanc gateway", scope: "read-write" });
  });

  it("answers null for a malformed token without reading Firestore", async () => {
    const { db, ids } = fakeDb(stored());
    expect(await verifyAccessToken(db, "pacs_pat_0000_wrong", NOW)).toBeNull();
    expect(ids).toEqual([]);
  });

  it.each([
    ["unknown", null, token],
    ["wrong", stored(), buildAccessToken({ tokenId: parts.tokenId, secret: newAccessTokenParts().secret })],
    ["expired", stored({ expiresAt: new Date(NOW.getTime() - 1) }), token],
    ["revoked", stored({ revokedAt: new Date(NOW.getTime() - DAY) }), token],
  ])("answers null for a %s token, and records no use", async (_label, record, presented) => {
    const { db, updates } = fakeDb(record);
    expect(await verifyAccessToken(db, presented, NOW)).toBeNull();
    expect(updates).toEqual([]);
  });

  it("records lastUsedAt on first use and when the stored one is over a minute old", async () => {
    for (const lastUsedAt of [null, new Date(NOW.getTime() - LAST_USED_RESOLUTION_MS)]) {
      const { db, updates } = fakeDb(stored({ lastUsedAt }));
      await verifyAccessToken(db, token, NOW);
      expect(updates).toEqual([{ lastUsedAt: NOW }]);
    }
  });

  it("does not write again within the minute: a burst of requests is one write", async () => {
    const { db, updates } = fakeDb(stored({ lastUsedAt: new Date(NOW.getTime() - LAST_USED_RESOLUTION_MS + 1000) }));
    expect(await verifyAccessToken(db, token, NOW)).not.toBeNull();
    expect(updates).toEqual([]);
  });
});
