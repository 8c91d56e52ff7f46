import { generateKeyPairSync } from "node:crypto";
import { createUrlSigner, MAX_SIGNED_URL_TTL_SECONDS } from "./sign-urls";
import { verifyV4SignedUrl } from "./testing/verify-v4-url";

const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const key = { client_email: "signer@demo-test.iam.gserviceaccount.com", private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString() };
// A clock near the real one: the GCS signer refuses an expiry in the past by its own clock,
// so a fixed date would fail on every later day.
const now = Math.floor(Date.now() / 1000) * 1000;

it("signs a V4 read URL that verifies with the public key and expires when configured", async () => {
  const sign = createUrlSigner(key, "demo-test-pacs-instances", 900, () => now);
  const url = await sign("instances/u1/1.2.3/1.2.3.4/1.2.3.4.5.dcm");
  expect(url).toContain("/demo-test-pacs-instances/instances/u1/1.2.3/1.2.3.4/1.2.3.4.5.dcm?");
  expect(verifyV4SignedUrl(url, publicKey)).toEqual({ valid: true, expiresSeconds: 900, signedAt: new Date(now) });
});

it("ends the URL at notAfter when that comes before its own lifetime", async () => {
  const sign = createUrlSigner(key, "demo-test-pacs-instances", 3600, () => now);
  const cut = await sign("instances/u1/a.dcm", { notAfter: new Date(now + 600_500) });
  expect(verifyV4SignedUrl(cut, publicKey)).toMatchObject({ valid: true, expiresSeconds: 600 });
  const uncut = await sign("instances/u1/a.dcm", { notAfter: new Date(now + 7_200_000) });
  expect(verifyV4SignedUrl(uncut, publicKey)).toMatchObject({ valid: true, expiresSeconds: 3600 });
});

it("produces a signature that no longer verifies once the URL is altered", async () => {
  const sign = createUrlSigner(key, "demo-test-pacs-instances", 900, () => now);
  const url = await sign("instances/u1/1.2.3/1.2.3.4/1.2.3.4.5.dcm");
  expect(verifyV4SignedUrl(url.replace("u1", "u2"), publicKey).valid).toBe(false);
  expect(verifyV4SignedUrl(url.replace("X-Goog-Expires=900", "X-Goog-Expires=86400"), publicKey).valid).toBe(false);
  const other = generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey;
  expect(verifyV4SignedUrl(url, other).valid).toBe(false);
});

it("refuses lifetimes that are zero or longer than a few hours", () => {
  expect(() => createUrlSigner(key, "b", 0)).toThrow(/lifetime/);
  expect(() => createUrlSigner(key, "b", MAX_SIGNED_URL_TTL_SECONDS + 1)).toThrow(/lifetime/);
});

// A revoked share link's images stay readable as long as the URLs already handed out: docs/sharing.md says 60 minutes at most.
it("a signer configured for 4 hours, past the 60 minutes a revoke promises, is refused", () => {
  expect(() => createUrlSigner(key, "b", 4 * 60 * 60)).toThrow(/lifetime must be 1\.\.3600 seconds/);
  expect(() => createUrlSigner(key, "b", 60 * 60 + 1)).toThrow(/lifetime/);
  expect(() => createUrlSigner(key, "b", 60 * 60)).not.toThrow();
});

it("signs 300 URLs locally, without a network call", async () => {
  const sign = createUrlSigner(key, "demo-test-pacs-instances", 3600);
  const fetchSpy = jest.spyOn(globalThis, "fetch");
  const urls = await Promise.all(Array.from({ length: 300 }, (_, i) => sign(`instances/u/s/r/${i}.dcm`)));
  expect(new Set(urls).size).toBe(300);
  expect(fetchSpy).not.toHaveBeenCalled();
  fetchSpy.mockRestore();
});
