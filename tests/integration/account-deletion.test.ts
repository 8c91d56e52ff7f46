/**
 * Account erasure is final: after the deletion proof, nothing of the account
 * may land anywhere. Attacks: a second tab's ID token (still within its hour),
 * an ingest that was already running or is delivered late, and an
 * administrator whose claim was withdrawn but whose old token still says admin.
 * The erasure runs in-process (privacy/delete-account.ts) against the
 * emulators; API calls go through the deployed functions.
 */
import { buildUploadPath, type PrivacyRequest } from "@pacs/shared";
import { getAuth } from "firebase-admin/auth";
import { getApps } from "firebase-admin/app";
import { runDeletion } from "../../functions/src/privacy/delete-account";
import type { PrivacyDeps } from "../../functions/src/privacy/privacy-deps";
import { ingestUploadedObject, type IngestEnvironment } from "../../functions/src/ingest/ingest-upload";
import { DEFAULT_INGEST_LIMITS } from "../../functions/src/ingest/limits";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { grantAdmin } from "../support/auth-emulator";
import { projectId, webUrl } from "../support/emulators";
import { createUploader, db, listObjects, signInThroughAuthEmulator, storageClient, type Uploader } from "../support/ingest-client";

// Buckets no trigger watches, so that the test decides when an ingest is delivered.
const uploadsBucket = storageClient.bucket(`${projectId}-deletion-tests`);
const instancesBucket = storageClient.bucket(`${projectId}-deletion-tests-instances`);
const ingestEnv: IngestEnvironment = { db, uploadsBucket, instancesBucket, limits: DEFAULT_INGEST_LIMITS, defaultQuotaBytes: 10_000_000_000, concurrency: 8, writeConcurrency: 4, maxBytesInFlight: 64 * 1024 * 1024 };
const auth = getAuth(getApps()[0]);

function privacyDeps(): PrivacyDeps {
  return {
    db,
    auth,
    verifyIdToken: () => Promise.reject(new Error("not used")),
    sendEmail: async () => undefined,
    appOrigin: () => webUrl("/"),
    instancesBucket: () => instancesBucket,
    uploadsBucket: () => uploadsBucket,
    downloadSigner: () => {
      throw new Error("not used");
    },
  };
}

function deletionRequest(user: Uploader): PrivacyRequest {
  const now = new Date();
  return {
    requestId: `deletion-${user.uid}`,
    kind: "deletion",
    uid: user.uid,
    email: user.email,
    source: "app",
    status: "confirmed",
    createdAt: now,
    dueAt: new Date(now.getTime() + 30 * 86_400_000),
    confirmTokenHash: null,
    confirmBy: null,
    confirmedAt: now,
    verifiedBy: "email-link",
    completedAt: null,
  } as PrivacyRequest;
}

async function post(idToken: string, path: string, body: unknown = {}) {
  const response = await fetch(webUrl(path), {
    method: "POST",
    headers: { Authorization: `Bearer ${idToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { error?: string } };
}

/** Every trace of the account in Firestore and Storage. */
async function tracesOf(uid: string) {
  const user = db.collection("users").doc(uid);
  const collections = await user.listCollections();
  return {
    profile: (await user.get()).exists,
    subcollections: collections.map((c) => c.id),
    uploads: await listObjects(`uploads/${uid}/`, uploadsBucket),
    instances: await listObjects(`instances/${uid}/`, instancesBucket),
  };
}
const NO_TRACES = { profile: false, subcollections: [], uploads: [], instances: [] };

async function putStudyZip(uid: string, batchId: string) {
  const study = buildStudy({ series: [{ instances: 3 }] });
  const zip = await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes])));
  const name = buildUploadPath(uid, batchId, "f000001");
  await uploadsBucket.file(name).save(zip, { resumable: false, metadata: { metadata: { relativePath: "study.zip" } } });
  return { name, size: zip.length, metadata: { relativePath: "study.zip" } };
}

it("a second tab's ID token writes nothing after the account is deleted", async () => {
  const user = await createUploader("second-tab");
  const secondTab = await signInThroughAuthEmulator(user.uid, user.email);
  await runDeletion(privacyDeps(), deletionRequest(user));

  // A sign-in report (an audit entry) and a new upload batch, with tokens issued before the deletion.
  for (const token of [user.idToken, secondTab.idToken]) {
    expect((await post(token, "/api/sessions")).status).toBe(401);
    expect((await post(token, "/api/uploads", { files: [{ size: 10, relativePath: "a.dcm" }] })).status).toBe(401);
  }
  expect(await tracesOf(user.uid)).toEqual(NO_TRACES);
});

it("an ingest delivered after the deletion proof stores nothing and recreates no profile", async () => {
  const user = await createUploader("late-ingest");
  await runDeletion(privacyDeps(), deletionRequest(user));
  // The upload a still-open tab finished after the deletion, or a delivery that was queued.
  const upload = await putStudyZip(user.uid, "batch-late");
  await expect(ingestUploadedObject(ingestEnv, upload)).resolves.toBe("account-deleted");
  expect(await tracesOf(user.uid)).toEqual(NO_TRACES);
});

it("an ingest running while the account is deleted leaves nothing behind, whichever finishes first", async () => {
  const user = await createUploader("racing-ingest");
  const upload = await putStudyZip(user.uid, "batch-racing");
  let deletion: Promise<unknown> | undefined;
  const racing: IngestEnvironment = {
    ...ingestEnv,
    // The erasure starts while the ingest is storing its first instances.
    afterStore: () => {
      deletion ??= runDeletion(privacyDeps(), deletionRequest(user));
    },
  };
  const ingest = await ingestUploadedObject(racing, upload).catch((error: unknown) => error);
  await deletion;
  expect(["ingested", "account-deleted"]).toContain(ingest);
  expect(await tracesOf(user.uid)).toEqual(NO_TRACES);
});

it("an administrator whose claim was withdrawn cannot use an admin route with an older token", async () => {
  const plain = await createUploader("withdrawn-admin");
  await grantAdmin(plain.uid);
  const admin = await signInThroughAuthEmulator(plain.uid, plain.email);
  const someone = await createUploader("someone");
  await auth.setCustomUserClaims(plain.uid, null);

  const attempt = await post(admin.idToken, "/api/admin/privacy-requests", { email: someone.email, kind: "export" });
  expect(attempt.status).toBe(403);
});
