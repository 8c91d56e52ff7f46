/**
 * Cloud Functions entry point: options and wiring only; logic lives in the
 * stage folders (http, ingest, uploads).
 */
import { setGlobalOptions } from "firebase-functions/v2";
import { defineSecret } from "firebase-functions/params";
import { onRequest } from "firebase-functions/v2/https";
import { onSchedule } from "firebase-functions/v2/scheduler";
import { onObjectFinalized } from "firebase-functions/v2/storage";
import { onDocumentUpdated } from "firebase-functions/v2/firestore";
import { onTaskDispatched } from "firebase-functions/v2/tasks";
import { appOrigin, defaultQuotaBytes, hostingProxies, ingestFanout, instancesBucketName, signedUrlTtlSeconds } from "./config";
import { adminAuth, db, storage, uploadsBucketName } from "./firebase";
import { dispatchApiRequest } from "./http/routes";
import { createTokenVerifier } from "./http/verify-token";
import { ingestUploadedObject, type IngestEnvironment } from "./ingest/ingest-upload";
import { RangeTask } from "./ingest/fanout/archive-record";
import { createRangeQueue, RANGE_TASK_SECONDS } from "./ingest/fanout/enqueue-range";
import { ingestArchiveRange as ingestRange } from "./ingest/fanout/ingest-range";
import type { EnqueueRange } from "./ingest/fanout/start-fanout";
import { DEFAULT_INGEST_LIMITS } from "./ingest/limits";
import { smtpSenderFromEnv } from "./email/send-email";
import { recordSignInsOnUse } from "./audit/record-sign-ins";
import { recordSignInEntry } from "./audit/sign-in-route";
import { processPrivacyRequest } from "./privacy/process-request";
import { purgeExpiredData } from "./retention/purge";
import { clientAddress } from "./shares/client-info";
import { createUrlSigner, type UrlSigner } from "./viewer/sign-urls";
import { loadServiceKeys, loadTicketKeys, type ServiceKeys } from "./service-keys";
import { createDicomwebApp } from "./dicomweb";
import {
  createDeidentifiedTaskQueue,
  DEIDENTIFIED_TASK_ATTEMPTS,
  DEIDENTIFIED_TASK_SECONDS,
  DeidentifiedShareTask,
  runDeidentifiedShareTask,
  type EnqueueDeidentifiedTask,
} from "./deidentified-shares";

// One region for everything, next to the bucket and database (docs/deploy.md).
const REGION = "europe-west1";
setGlobalOptions({ region: REGION, maxInstances: 20 });

// Three secrets, one per purpose, so that one leak does not give all three (service-keys.ts, docs/deploy.md).
const signingKeySecret = defineSecret("PACS_SIGNING_KEY");
const ticketSecret = defineSecret("PACS_TICKET_SECRET");
const shareTokenSecret = defineSecret("PACS_SHARE_TOKEN_SECRET");
/**
 * The SMTP connection URL for outgoing email (docs/email.md). A function
 * that sends lists it in its `secrets`, which puts it in process.env where
 * `smtpSenderFromEnv` (email/send-email.ts) reads it; on the emulators
 * `npm start` sets it to the local maildev server instead.
 */
export const smtpUrlSecret = defineSecret("PACS_SMTP_URL");
let urlSigner: UrlSigner | undefined;
let downloadSigner: UrlSigner | undefined;
let serviceKeys: ServiceKeys | undefined;
const keys = () => (serviceKeys ??= loadServiceKeys());
/** Download links are for clicking now, not for sharing: a quarter of an hour. */
const DOWNLOAD_LINK_TTL_SECONDS = 15 * 60;
let deidentifiedQueue: EnqueueDeidentifiedTask | undefined;
const apiDeps = {
  db,
  // Revocation checked and the admin claim confirmed first (http/verify-token.ts), so a deleted
  // user's token is refused before anything is written; then every sign-in whose tokens reach the
  // API is recorded once (audit/record-sign-ins.ts).
  verifyIdToken: recordSignInsOnUse(createTokenVerifier(adminAuth), (uid, authTime) => recordSignInEntry(db, uid, authTime)),
  defaultQuotaBytes,
  instancesBucket: () => storage.bucket(instancesBucketName),
  urlSigner: () => (urlSigner ??= createUrlSigner(keys().urlSigningKey, instancesBucketName, signedUrlTtlSeconds)),
  downloadSigner: () => (downloadSigner ??= createUrlSigner(keys().urlSigningKey, instancesBucketName, DOWNLOAD_LINK_TTL_SECONDS)),
  ticketKeys: () => keys().ticketKeys,
  shareTokenKey: () => keys().shareTokenKey,
  auth: adminAuth,
  sendEmail: smtpSenderFromEnv(),
  appOrigin: () => appOrigin,
  uploadsBucket: () => storage.bucket(uploadsBucketName()),
  enqueueDeidentifiedTask: ((task, options) => (deidentifiedQueue ??= createDeidentifiedTaskQueue("deidentifiedCopies", REGION))(task, options)) as EnqueueDeidentifiedTask,
};

/**
 * `/api/**` on the app's own origin (firebase.json rewrites it here). Its
 * keys come from Secret Manager in production (docs/deploy.md); on the
 * emulators from the PACS_*_FILE files `npm start` generates.
 */
// A whole CPU and 80 requests per instance (the default gives a fraction of a CPU and one
// request at a time): manifests are RSA signing, and one instance's manifest cache then
// serves everyone who opens the same study or link.
export const api = onRequest({ secrets: [signingKeySecret, ticketSecret, shareTokenSecret, smtpUrlSecret], cpu: 1, memory: "1GiB", concurrency: 80 }, async (req, res) => {
  const from = clientAddress(req.headers, hostingProxies);
  const result = await dispatchApiRequest(apiDeps, {
    method: req.method,
    path: req.path,
    authorization: req.get("authorization"),
    cookie: req.get("cookie"),
    body: req.body,
    client: { address: from.address, addressTrusted: from.trusted, userAgent: req.get("user-agent") },
  });
  res.set(result.headers ?? {}).status(result.status).json(result.body);
});

let rangeQueue: EnqueueRange | undefined;
/** What both ingest functions run with; `uploadsBucket` is where the upload arrived. */
function ingestEnvironment(uploadsBucket: string): IngestEnvironment {
  return {
    db,
    uploadsBucket: storage.bucket(uploadsBucket),
    instancesBucket: storage.bucket(instancesBucketName),
    limits: DEFAULT_INGEST_LIMITS,
    defaultQuotaBytes,
    concurrency: 32,
    writeConcurrency: 8,
    maxBytesInFlight: 256 * 1024 * 1024,
    fanout: {
      ranges: { maxEntries: ingestFanout.rangeEntries, maxBytes: ingestFanout.rangeBytes },
      minArchiveBytes: ingestFanout.minArchiveBytes,
      enqueue: (task) => (rangeQueue ??= createRangeQueue("ingestArchiveRange", REGION))(task),
    },
  };
}

/**
 * Every finalized upload is ingested. `retry` makes a crashed or timed-out
 * run be delivered again; ingest is idempotent, so that is always safe. A
 * file that fails 3 deliveries is set aside with a reason (ingest/attempts.ts).
 * 1 GiB holds the 256 MiB of instances in flight (limits.ts) and a 64 MiB read cache.
 * A large ZIP is only planned here and ingested by `ingestArchiveRange`.
 */
export const ingestUpload = onObjectFinalized({ memory: "1GiB", timeoutSeconds: 540, retry: true }, async (event) => {
  const object = event.data;
  await ingestUploadedObject(ingestEnvironment(object.bucket), {
    name: object.name,
    size: Number(object.size),
    metadata: object.metadata,
    generation: object.generation,
  });
});

/**
 * One part of a large archive (ingest/fanout/, docs/ingest.md). Cloud Tasks
 * retries a failed part; the part counts its own attempts and is set aside
 * after 3, so maxAttempts leaves room for the 4th delivery that does that.
 * Up to 8 parts run at once. A constant, not a setting: the queue's options
 * are read when the deploy analyses the code, which sees no functions/.env.
 */
export const ingestArchiveRange = onTaskDispatched(
  {
    memory: "1GiB",
    timeoutSeconds: RANGE_TASK_SECONDS,
    retryConfig: { maxAttempts: 5, minBackoffSeconds: 10 },
    rateLimits: { maxConcurrentDispatches: 8 },
  },
  async (request) => {
    const task = RangeTask.safeParse(request.data);
    // Only our trigger enqueues here; a malformed task would fail the same way on every retry.
    if (!task.success) return console.error(`ingestArchiveRange: malformed task ${JSON.stringify(request.data)}: ${task.error.message}`);
    await ingestRange(ingestEnvironment(uploadsBucketName()), task.data);
  },
);

/**
 * A de-identified share link's copies (functions/src/deidentified-shares/):
 * made once when the link is created, deleted at its expiry. The work is
 * deterministic, so a retry redoes it to the same bytes; the last attempt
 * sets the link "failed" rather than leave it preparing. 1 GiB holds the
 * four instances (original and copy) in flight.
 */
export const deidentifiedCopies = onTaskDispatched(
  {
    memory: "1GiB",
    timeoutSeconds: DEIDENTIFIED_TASK_SECONDS,
    retryConfig: { maxAttempts: DEIDENTIFIED_TASK_ATTEMPTS, minBackoffSeconds: 10 },
    rateLimits: { maxConcurrentDispatches: 4 },
  },
  async (request) => {
    const task = DeidentifiedShareTask.safeParse(request.data);
    // Only our API enqueues here; a malformed task would fail the same way on every retry.
    if (!task.success) return console.error(`deidentifiedCopies: malformed task ${JSON.stringify(request.data)}: ${task.error.message}`);
    await runDeidentifiedShareTask({ db, instancesBucket: () => storage.bucket(instancesBucketName) }, task.data, { retryCount: request.retryCount });
  },
);

let dicomwebTicketKeys: ReturnType<typeof loadTicketKeys> | undefined;
/**
 * `/dicomweb/**` on the app's own origin (firebase.json rewrites it here):
 * QIDO-RS, WADO-RS and STOW-RS for tools and gateways (docs/dicomweb.md).
 * STOW ingests in the request, so it has the ingest's memory; a request
 * body is capped at 32 MB by Cloud Functions.
 */
export const dicomweb = onRequest(
  // cors: false, so that our own CORS (dicomweb/cors.ts) answers alike here and in the emulator, which otherwise adds its own.
  { secrets: [ticketSecret], cpu: 1, memory: "1GiB", concurrency: 80, timeoutSeconds: 540, cors: false },
  createDicomwebApp({
    db,
    verifyIdToken: apiDeps.verifyIdToken,
    instancesBucket: () => storage.bucket(instancesBucketName),
    ingestEnvironment: () => ingestEnvironment(uploadsBucketName()),
    appOrigin: () => appOrigin,
    ticketKeys: () => (dicomwebTicketKeys ??= loadTicketKeys()),
  }),
);

/** Retention, daily (functions/src/retention/purge.ts): expired share links, failed uploads, old audit entries. */
export const purgeExpired = onSchedule({ schedule: "every day 03:00", timeZone: "Etc/UTC", timeoutSeconds: 540 }, async () => {
  const counts = await purgeExpiredData({ db, uploadsBucket: () => storage.bucket(uploadsBucketName()), instancesBucket: () => storage.bucket(instancesBucketName) });
  console.log("retention purge", counts);
});

/**
 * A privacy request the requester confirmed (or an administrator verified)
 * runs here: the export ZIP and its email, or the account's erasure
 * (functions/src/privacy/).
 */
export const runPrivacyRequest = onDocumentUpdated(
  { document: "privacyRequests/{requestId}", secrets: [signingKeySecret, ticketSecret, shareTokenSecret, smtpUrlSecret], memory: "1GiB", timeoutSeconds: 540 },
  async (event) => {
    if (event.data?.before.get("status") === "confirmed" || event.data?.after.get("status") !== "confirmed") return;
    await processPrivacyRequest(apiDeps, event.params.requestId);
  },
);
