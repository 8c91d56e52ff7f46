/** The Admin SDK, initialised once per runtime instance. */
import { IdempotencyStrategy, Storage } from "@google-cloud/storage";
import { getApps, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import { getStorage } from "firebase-admin/storage";
import { startBenchMetering } from "./metering/bench-metering";

const app = getApps()[0] ?? initializeApp();

export const adminAuth = getAuth(app);
export const db = getFirestore(app);
// Type 2 DICOM attributes are often absent; absent is stored as a missing field, not an error.
db.settings({ ignoreUndefinedProperties: true });

// Also maps FIREBASE_STORAGE_EMULATOR_HOST to STORAGE_EMULATOR_HOST for the client below.
const adminStorage = getStorage(app);
// Nothing unless `npm run bench:ingest` asks, on the emulators: it counts our operations to price them.
startBenchMetering(db, process.env);

/** The project's default bucket, where browsers upload (`uploads/{uid}/...`). */
export const uploadsBucketName = (): string => adminStorage.bucket().name;

/**
 * Cloud Storage with every request retried. The client only retries writes
 * that carry a generation precondition; ours are idempotent without one (an
 * instance's path and bytes come from its UIDs, a rewrite is harmless), and
 * a dropped keep-alive socket must not fail an upload of hundreds of files.
 */
export const storage = new Storage({
  retryOptions: { autoRetry: true, maxRetries: 5, idempotencyStrategy: IdempotencyStrategy.RetryAlways },
});
