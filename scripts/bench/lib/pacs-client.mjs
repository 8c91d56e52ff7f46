// What a browser does to upload, done over the emulators' REST APIs: sign in,
// announce a batch, send the bytes, seal. Reads bypass security rules with the
// emulators' "owner" token, as the integration tests do.
import { createReadStream, statSync } from "node:fs";
import { Readable } from "node:stream";

const OWNER = { Authorization: "Bearer owner" };
/** The Auth emulator accepts any API key; a real key would never be needed here. */
const API_KEY = "fake-api-key";

async function readJson(response, what) {
  const text = await response.text();
  if (!response.ok) throw new Error(`${what}: HTTP ${response.status}: ${text.slice(0, 500)}`);
  return text ? JSON.parse(text) : {};
}

async function postJson(url, body, headers, what) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body) });
  return readJson(response, what);
}

/**
 * A new email/password account with a verified address, and an ID token
 * issued after the verification (so it carries email_verified: true).
 */
export async function createVerifiedUser({ ports, projectId }) {
  const auth = `http://127.0.0.1:${ports.auth}/identitytoolkit.googleapis.com/v1`;
  const email = `bench-${Date.now().toString(36)}@example.test`;
  const password = "bench-password-1";
  const { localId } = await postJson(`${auth}/accounts:signUp?key=${API_KEY}`, { email, password, returnSecureToken: true }, {}, "Auth emulator accounts:signUp");
  await postJson(`${auth}/projects/${projectId}/accounts:update`, { localId, emailVerified: true }, OWNER, "Auth emulator accounts:update");
  const { idToken } = await postJson(
    `${auth}/accounts:signInWithPassword?key=${API_KEY}`,
    { email, password, returnSecureToken: true },
    {},
    "Auth emulator accounts:signInWithPassword",
  );
  return { uid: localId, email, password, idToken };
}

/** Calls our `api` function; `functionsOrigin` ends where the function's own paths (/api/...) begin. */
export function callApi(functionsOrigin, path, { idToken, body } = {}) {
  const headers = idToken ? { Authorization: `Bearer ${idToken}` } : {};
  if (body === undefined) return fetch(`${functionsOrigin}${path}`, { headers }).then((r) => readJson(r, `GET ${path}`));
  return postJson(`${functionsOrigin}${path}`, body, headers, `POST ${path}`);
}

/**
 * Uploads a file to the Storage emulator through its GCS JSON API (resumable:
 * start with the metadata, then one PUT streamed from disk). Resolves when the
 * object is finalised, which is what fires storage triggers.
 */
export async function uploadObject({ ports, bucket, name, path, contentType, metadata }) {
  const base = `http://127.0.0.1:${ports.storage}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o`;
  const start = await fetch(`${base}?uploadType=resumable&name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { ...OWNER, "Content-Type": "application/json", "X-Upload-Content-Type": contentType },
    body: JSON.stringify({ name, contentType, metadata }),
  });
  // The answer is a bare "OK"; only its Location header matters.
  if (!start.ok) throw new Error(`Storage emulator: start resumable upload: HTTP ${start.status}: ${await start.text()}`);
  const location = start.headers.get("location");
  if (!location) throw new Error("Storage emulator: resumable upload started without a Location header");
  const response = await fetch(location, {
    method: "PUT",
    headers: { ...OWNER, "Content-Type": contentType, "Content-Length": String(statSync(path).size) },
    body: Readable.toWeb(createReadStream(path)),
    duplex: "half",
  });
  return readJson(response, `Storage emulator: upload ${name}`);
}

/** Firestore REST values ({stringValue}, {mapValue}, ...) to plain JS. */
export function decodeFirestoreValue(value) {
  if ("mapValue" in value) return decodeFirestoreFields(value.mapValue.fields ?? {});
  if ("arrayValue" in value) return (value.arrayValue.values ?? []).map(decodeFirestoreValue);
  if ("integerValue" in value) return Number(value.integerValue);
  if ("doubleValue" in value) return value.doubleValue;
  if ("timestampValue" in value) return new Date(value.timestampValue);
  if ("nullValue" in value) return null;
  const [only] = Object.values(value);
  return only;
}

function decodeFirestoreFields(fields) {
  return Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, decodeFirestoreValue(value)]));
}

/** One document, decoded; null when it does not exist (yet). */
export async function readDocument({ ports, projectId }, path) {
  const url = `http://127.0.0.1:${ports.firestore}/v1/projects/${projectId}/databases/(default)/documents/${path}`;
  const response = await fetch(url, { headers: OWNER });
  if (response.status === 404) return null;
  const document = await readJson(response, `Firestore emulator GET ${path}`);
  return decodeFirestoreFields(document.fields ?? {});
}
