/**
 * Personal access tokens end to end on the emulators: created, listed and
 * revoked through `/api/access-tokens` with an ID token, and used on
 * `/dicomweb/` as Bearer or Basic. Stored only as a hash; every use is
 * audited with the token's name; a revoke or an expiry refuses the very
 * next request.
 */
import { createHash } from "node:crypto";
import { accessTokenId, createAccessToken, fetchDicomweb } from "../support/access-tokens";
import { webUrl } from "../support/emulators";
import { callApi, createUploader, db, type Uploader } from "../support/ingest-client";

let alice: Uploader;
let bob: Uploader;

beforeAll(async () => {
  [alice, bob] = await Promise.all([createUploader("pat-alice"), createUploader("pat-bob")]);
});

async function listTokens(user: Uploader): Promise<{ status: number; text: string; body: any }> {
  const response = await fetch(webUrl("/api/access-tokens"), { headers: { Authorization: `Bearer ${user.idToken}` } });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) };
}

async function auditEntries(uid: string, action: string) {
  const snapshot = await db.collection(`users/${uid}/auditLog`).where("action", "==", action).get();
  return snapshot.docs.map((doc) => doc.data());
}

const secretOf = (token: string) => token.slice(`pacs_pat_${accessTokenId(token)}_`.length);

/** Authenticated: whatever the search answers (200, 204, or 404 while QIDO is not built), it is not a refusal. */
async function expectAuthenticated(response: Response) {
  const text = await response.text();
  expect({ status: response.status, text }).not.toMatchObject({ status: 401 });
  expect([200, 204, 404]).toContain(response.status);
  if (response.status === 404) expect(text).toMatch(/No DICOMweb resource/);
}

async function expectRefused(response: Response) {
  expect(response.status).toBe(401);
  expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  expect(await response.text()).toMatch(/not valid: it is wrong, expired or revoked/);
}

it("shows a new token once: the list and Firestore hold neither the secret nor anything but its hash", async () => {
  const created = await callApi(alice, "/api/access-tokens", { name: "Orthanc gateway", scope: "read-write", expiresInDays: 90 });
  expect(created.status).toBe(201);
  const token: string = created.body.token;
  expect(token).toMatch(/^pacs_pat_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
  const id = accessTokenId(token);
  const secret = secretOf(token);
  const hash = createHash("sha256").update(secret).digest("hex");
  expect(created.body).toMatchObject({ id, name: "Orthanc gateway", scope: "read-write" });
  expect(new Date(created.body.expiresAt).getTime() - new Date(created.body.createdAt).getTime()).toBe(90 * 86_400_000);
  expect(JSON.stringify(created.body)).not.toContain(hash);

  const listed = await listTokens(alice);
  expect(listed.status).toBe(200);
  expect(listed.body.tokens).toContainEqual({ id, name: "Orthanc gateway", scope: "read-write", createdAt: created.body.createdAt, expiresAt: created.body.expiresAt });
  expect(listed.text).not.toContain(secret);
  expect(listed.text).not.toContain(hash);

  const stored = (await db.doc(`accessTokens/${id}`).get()).data()!;
  expect(stored).toMatchObject({ uid: alice.uid, name: "Orthanc gateway", scope: "read-write", secretHash: hash, lastUsedAt: null, revokedAt: null });
  expect(JSON.stringify(stored)).not.toContain(secret);
  expect(await auditEntries(alice.uid, "access-token-created")).toContainEqual(expect.objectContaining({ tokenName: "Orthanc gateway", actor: "owner" }));
});

it("authenticates a DICOMweb request with the token, audits it with the token's name, and records its last use", async () => {
  const token = await createAccessToken(alice, { name: "OHIF on my laptop", scope: "read" });
  expect((await fetch(webUrl("/dicomweb/studies"))).status).toBe(401);
  await expectAuthenticated(await fetchDicomweb("studies", token));

  expect(await auditEntries(alice.uid, "dicomweb-request")).toContainEqual(expect.objectContaining({ tokenName: "OHIF on my laptop", request: "GET studies", actor: "owner" }));
  const stored = (await db.doc(`accessTokens/${accessTokenId(token)}`).get()).data()!;
  expect(stored.lastUsedAt).not.toBeNull();
  expect(stored.lastUsedAt.toMillis()).toBeGreaterThanOrEqual(stored.createdAt.toMillis());
  const listed = (await listTokens(alice)).body.tokens.find((item: { id: string }) => item.id === accessTokenId(token));
  expect(listed.lastUsedAt).toBe(stored.lastUsedAt.toDate().toISOString());
});

it("takes the token as the password of HTTP Basic, with any user name, as Orthanc, Weasis and OHIF send it", async () => {
  const token = await createAccessToken(alice, { name: "Weasis" });
  await expectAuthenticated(await fetchDicomweb("studies", token, "Basic"));
  expect(await auditEntries(alice.uid, "dicomweb-request")).toContainEqual(expect.objectContaining({ tokenName: "Weasis" }));
  const wrong = `pacs_pat_${accessTokenId(token)}_${"A".repeat(43)}`;
  await expectRefused(await fetchDicomweb("studies", wrong, "Basic"));
});

it("refuses a Firebase ID token sent as Basic: Basic is for personal access tokens", async () => {
  const response = await fetch(webUrl("/dicomweb/studies"), { headers: { Authorization: `Basic ${Buffer.from(`${alice.email}:${alice.idToken}`).toString("base64")}` } });
  expect(response.status).toBe(401);
  expect(await response.text()).toMatch(/Basic authentication takes a personal access token/);
});

it("refuses a wrong secret and an unknown token id (401)", async () => {
  const token = await createAccessToken(alice);
  await expectRefused(await fetchDicomweb("studies", `pacs_pat_${accessTokenId(token)}_${"B".repeat(43)}`));
  await expectRefused(await fetchDicomweb("studies", `pacs_pat_${"f".repeat(32)}_${secretOf(token)}`));
});

it("refuses an expired token from the moment its stored expiry passes", async () => {
  const token = await createAccessToken(alice, { name: "expiring" });
  await expectAuthenticated(await fetchDicomweb("studies", token));
  await db.doc(`accessTokens/${accessTokenId(token)}`).update({ expiresAt: new Date(Date.now() - 60_000) });
  await expectRefused(await fetchDicomweb("studies", token));
});

it("refuses a revoked token on the very next request, and records the revoke", async () => {
  const token = await createAccessToken(alice, { name: "to revoke" });
  const id = accessTokenId(token);
  await expectAuthenticated(await fetchDicomweb("studies", token));
  const revoked = await callApi(alice, `/api/access-tokens/${id}/revoke`, {});
  expect(revoked.status).toBe(200);
  expect(revoked.body).toMatchObject({ id, name: "to revoke", revokedAt: expect.any(String) });
  await expectRefused(await fetchDicomweb("studies", token));
  expect((await listTokens(alice)).body.tokens.find((item: { id: string }) => item.id === id).revokedAt).toBe(revoked.body.revokedAt);
  expect(await auditEntries(alice.uid, "access-token-revoked")).toContainEqual(expect.objectContaining({ tokenName: "to revoke" }));
  // Revoking again changes nothing: the same moment, one audit entry.
  expect((await callApi(alice, `/api/access-tokens/${id}/revoke`, {})).body.revokedAt).toBe(revoked.body.revokedAt);
  expect((await auditEntries(alice.uid, "access-token-revoked")).filter((entry) => entry.tokenName === "to revoke")).toHaveLength(1);
});

it("keeps a user's tokens from another user: not listed, and revoking one is 'not found' (404)", async () => {
  const token = await createAccessToken(alice, { name: "alice only" });
  const id = accessTokenId(token);
  const bobsList = await listTokens(bob);
  expect(bobsList.body.tokens.map((item: { id: string }) => item.id)).not.toContain(id);
  const refused = await callApi(bob, `/api/access-tokens/${id}/revoke`, {});
  expect(refused).toEqual({ status: 404, body: { error: "There is no such access token." } });
  expect(await callApi(bob, "/api/access-tokens/not-an-id/revoke", {})).toEqual(refused);
  await expectAuthenticated(await fetchDicomweb("studies", token));
});

it("refuses a malformed request, a caller without an ID token, and a personal access token on the app's own API", async () => {
  const tooLong = await callApi(alice, "/api/access-tokens", { name: "x", scope: "read", expiresInDays: 366 });
  expect(tooLong.status).toBe(400);
  expect(tooLong.body.error).toMatch(/at most 365 days/);
  expect((await callApi(alice, "/api/access-tokens", { name: " ", scope: "read", expiresInDays: 30 })).body.error).toMatch(/Give the token a name/);
  expect((await fetch(webUrl("/api/access-tokens"))).status).toBe(401);
  const token = await createAccessToken(alice);
  const withToken = await fetch(webUrl("/api/access-tokens"), { headers: { Authorization: `Bearer ${token}` } });
  expect(withToken.status).toBe(401);
});
