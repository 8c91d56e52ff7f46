/**
 * Drives an upload the way the web app does — announce the batch through
 * the API, put each file under the user's upload prefix, seal — and reads
 * what ingest made of it, with the Admin SDK against the emulators.
 */
import { UploadBatch, StudyRecord, InstanceChunk, buildUploadPath, defaultInstancesBucket } from "@pacs/shared";
import { getApps, initializeApp } from "firebase-admin/app";
import { getFirestore } from "firebase-admin/firestore";
import { getStorage } from "firebase-admin/storage";
import { IdempotencyStrategy, Storage } from "@google-cloud/storage";
import { createAccountThroughAuthEmulator, markEmailVerified, uniqueEmail } from "./auth-emulator";
import { emulatorHost, projectId, webUrl } from "./emulators";
import { parseSnapshot } from "../../functions/src/ingest/firestore-data";

const app = getApps()[0] ?? initializeApp({ projectId, storageBucket: `${projectId}.appspot.com` });
export const db = getFirestore(app);
// As in functions/src/firebase.ts: ingest code called directly from tests writes through this instance.
db.settings({ ignoreUndefinedProperties: true });
export const bucket = getStorage(app).bucket();
// As functions/src/firebase.ts does: every write retried, since a dropped keep-alive socket is not a failure.
const retryingStorage = new Storage({ retryOptions: { autoRetry: true, maxRetries: 5, idempotencyStrategy: IdempotencyStrategy.RetryAlways } });
export const instancesBucket = retryingStorage.bucket(defaultInstancesBucket(projectId));
export const storageClient = retryingStorage;

const PASSWORD = "correct horse battery";

export interface Uploader {
  uid: string;
  email: string;
  idToken: string;
}

/** A new account with a verified email, signed in: what the upload page requires. */
export async function createUploader(prefix = "uploader"): Promise<Uploader> {
  const email = uniqueEmail(prefix);
  const uid = await createAccountThroughAuthEmulator(email, PASSWORD);
  await markEmailVerified(uid);
  return signInThroughAuthEmulator(uid, email);
}

/** An ID token for an existing verified account (same test password as everywhere). */
export async function signInThroughAuthEmulator(uid: string, email: string): Promise<Uploader> {
  const { origin } = emulatorHost("FIREBASE_AUTH_EMULATOR_HOST");
  const response = await fetch(`${origin}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: PASSWORD, returnSecureToken: true }),
  });
  if (!response.ok) throw new Error(`sign-in failed: HTTP ${response.status}`);
  const { idToken } = (await response.json()) as { idToken: string };
  return { uid, email, idToken };
}

export async function callApi(user: Uploader, path: string, body: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(webUrl(path), {
    method: "POST",
    headers: { Authorization: `Bearer ${user.idToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

export interface UploadFile {
  relativePath: string;
  bytes: Uint8Array;
  contentType?: string;
}

function contentTypeFor(file: UploadFile): string {
  return file.contentType ?? (file.relativePath.toLowerCase().endsWith(".zip") ? "application/zip" : "application/octet-stream");
}

/** Puts one file where the browser would, with the metadata the browser sets. */
export async function putUpload(uid: string, batchId: string, fileId: string, file: UploadFile): Promise<string> {
  const path = buildUploadPath(uid, batchId, fileId);
  await bucket.file(path).save(Buffer.from(file.bytes), {
    resumable: false,
    contentType: contentTypeFor(file),
    metadata: { metadata: { relativePath: file.relativePath } },
  });
  return path;
}

/** The whole browser flow; resolves once the batch record says done. */
export async function uploadBatch(user: Uploader, files: UploadFile[]): Promise<{ batchId: string; batch: UploadBatch; uploadPaths: string[] }> {
  const announced = await callApi(user, "/api/uploads", { files: files.map((f) => ({ relativePath: f.relativePath, size: f.bytes.length })) });
  if (announced.status !== 201) throw new Error(`POST /api/uploads: ${announced.status} ${JSON.stringify(announced.body)}`);
  const { batchId } = announced.body as { batchId: string };
  const fileIds = files.map((_, i) => `f${String(i + 1).padStart(6, "0")}`);
  // Four at a time, as the web app sends them: the Functions emulator starts a worker per running trigger.
  const uploadPaths: string[] = [];
  for (let i = 0; i < files.length; i += 4) {
    uploadPaths.push(...(await Promise.all(files.slice(i, i + 4).map((file, j) => putUpload(user.uid, batchId, fileIds[i + j]!, file)))));
  }
  const sealed = await callApi(user, `/api/uploads/${batchId}/seal`, { uploadedFileIds: fileIds });
  if (sealed.status !== 200) throw new Error(`seal: ${sealed.status} ${JSON.stringify(sealed.body)}`);
  return { batchId, batch: await waitForBatch(user.uid, batchId), uploadPaths };
}

export async function readBatch(uid: string, batchId: string): Promise<UploadBatch | null> {
  const snapshot = await db.doc(`users/${uid}/uploads/${batchId}`).get();
  return snapshot.exists ? parseSnapshot(UploadBatch, snapshot) : null;
}

/** Polls the batch record until ingest says done (the trigger runs in the Functions emulator). */
export async function waitForBatch(uid: string, batchId: string, timeoutMs = 90_000): Promise<UploadBatch> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const batch = await readBatch(uid, batchId);
    if (batch?.status === "done") return batch;
    if (Date.now() > deadline) throw new Error(`batch ${batchId} not done after ${timeoutMs} ms: ${JSON.stringify(batch)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

export async function readStudy(uid: string, studyUID: string): Promise<StudyRecord | null> {
  const snapshot = await db.doc(`users/${uid}/studies/${studyUID}`).get();
  return snapshot.exists ? parseSnapshot(StudyRecord, snapshot) : null;
}

/** Every stored instance of a study as the viewer manifest will read them: one query. */
export async function readStudyInstances(uid: string, studyUID: string) {
  const chunks = await db.collection(`users/${uid}/studies/${studyUID}/instanceChunks`).get();
  return chunks.docs.flatMap((doc) => InstanceChunk.parse(doc.data()).instances);
}

export async function listStudyUIDs(uid: string): Promise<string[]> {
  return (await db.collection(`users/${uid}/studies`).get()).docs.map((doc) => doc.id).sort();
}

export async function objectExists(path: string, inBucket = bucket): Promise<boolean> {
  const [exists] = await inBucket.file(path).exists();
  return exists;
}

export async function listObjects(prefix: string, inBucket = bucket): Promise<string[]> {
  const [files] = await inBucket.getFiles({ prefix });
  return files.map((file) => file.name).sort();
}

export async function usedBytes(uid: string): Promise<number> {
  return Number((await db.doc(`users/${uid}`).get()).get("usedBytes") ?? 0);
}
