import { createHmac, generateKeyPairSync, randomBytes, sign } from "node:crypto";
import { loadServiceKeys } from "./service-keys";
import { deriveShareTokenKey, shareTokenFor } from "./shares/share-token";
import { issueViewerTicket, verifyViewerTicket } from "./viewer/viewer-ticket";

const pem = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
const env = {
  PACS_SIGNING_KEY: JSON.stringify({ client_email: "signer@demo-test.iam.gserviceaccount.com", private_key: pem }),
  PACS_TICKET_SECRET: randomBytes(32).toString("base64url"),
  PACS_SHARE_TOKEN_SECRET: randomBytes(32).toString("base64url"),
};
const now = Date.now();
const claims = (exp: number) => Buffer.from(JSON.stringify({ uid: "alice", study: "1.2.3", exp })).toString("base64url");

it("a viewer ticket forged with the leaked URL-signing key is refused", () => {
  const keys = loadServiceKeys(env);
  const payload = claims(Math.floor(now / 1000) + 300);
  const rsaForged = `${payload}.${sign("sha256", Buffer.from(payload), keys.urlSigningKey.private_key).toString("base64url")}`;
  expect(verifyViewerTicket(keys.ticketKeys, rsaForged, now)).toBeNull();
  const hmacForged = `${payload}.${createHmac("sha256", keys.urlSigningKey.private_key).update(payload).digest("base64url")}`;
  expect(verifyViewerTicket(keys.ticketKeys, hmacForged, now)).toBeNull();
});

it("a viewer ticket forged with the leaked share-token key is refused", () => {
  const keys = loadServiceKeys(env);
  const payload = claims(Math.floor(now / 1000) + 300);
  const forged = `${payload}.${createHmac("sha256", keys.shareTokenKey).update(payload).digest("base64url")}`;
  expect(verifyViewerTicket(keys.ticketKeys, forged, now)).toBeNull();
  // The real key still works, so the refusals above are about the key, not the format.
  expect(verifyViewerTicket(keys.ticketKeys, issueViewerTicket(keys.ticketKeys, "alice", "1.2.3", now).ticket, now)).toMatchObject({ uid: "alice" });
});

it("share-link tokens cannot be derived from the leaked URL-signing key", () => {
  const keys = loadServiceKeys(env);
  expect(shareTokenFor(deriveShareTokenKey(keys.urlSigningKey.private_key), "link-1")).not.toBe(shareTokenFor(keys.shareTokenKey, "link-1"));
});

it("refuses one value stored as two of the secrets, and a missing one, with its name", () => {
  expect(() => loadServiceKeys({ ...env, PACS_SHARE_TOKEN_SECRET: env.PACS_TICKET_SECRET })).toThrow(/three different secrets/);
  expect(() => loadServiceKeys({ ...env, PACS_TICKET_SECRET: undefined })).toThrow(/PACS_TICKET_SECRET/);
  expect(() => loadServiceKeys({ ...env, PACS_SHARE_TOKEN_SECRET: "too-short" })).toThrow(/at least 32 bytes/);
});
