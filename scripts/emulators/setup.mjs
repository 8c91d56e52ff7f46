// Everything both `npm start` and `npm test` do before firebase-tools starts.
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { prepareOfflineEmulators } from "./java.mjs";
import { ensureDevSecret, ensureDevSigningKey } from "./dev-keys.mjs";
import { stopLeftoverEmulators } from "./leftovers.mjs";
import { assertPortsFree } from "./preflight.mjs";
import { PROJECT_ID, writeLocalFirebaseConfig } from "./config.mjs";
import { mailUrls } from "./mail.mjs";

// tasks: the Cloud Tasks emulator, which dispatches the parts of a large archive to ingestArchiveRange (docs/ingest.md).
export const EMULATORS = "auth,firestore,storage,functions,hosting,tasks";

/** The firebase-tools entry point, run with this Node so that signals reach it directly. */
export function firebaseBin(root) {
  const bin = join(root, "node_modules", "firebase-tools", "lib", "bin", "firebase.js");
  if (!existsSync(bin)) {
    throw new Error("firebase-tools is not installed: run `npm install` first.");
  }
  return bin;
}

export async function setUpEmulators(root, ports, log = console.log) {
  await stopLeftoverEmulators(ports, log);
  // The mail ports too: a busy one is better said now than after a build of several minutes.
  await assertPortsFree(ports, ["web", "auth", "firestore", "firestoreWebsocket", "storage", "functions", "hub", "logging", "eventarc", "tasks", "mail", "mailWeb"]);
  const binaryEnv = await prepareOfflineEmulators(root, log);
  const configPath = writeLocalFirebaseConfig(root, ports);
  // The Storage emulator keeps blobs in $TMPDIR/firebase/storage and empties
  // that folder when any emulator suite stops: one folder per port range keeps
  // a finishing `npm test` from deleting the files of a running `npm start`.
  const tmpDir = join(root, ".cache", "emulators", `tmp-${ports.web}`);
  mkdirSync(tmpDir, { recursive: true });
  const env = {
    ...process.env,
    ...binaryEnv,
    // Keep firebase-tools from phoning home or asking questions.
    FIREBASE_CLI_DISABLE_UPDATE_CHECK: "true",
    // Loading the functions' code may take longer than firebase-tools' default 10 s on a busy
    // machine, which then starts no function at all ("Cannot determine backend specification").
    FUNCTIONS_DISCOVERY_TIMEOUT: process.env.FUNCTIONS_DISCOVERY_TIMEOUT ?? "60",
    NEXT_TELEMETRY_DISABLED: "1",
    STORAGE_RULES_RUNTIME_LOG: join(root, ".cache", "emulators", "storage-rules-runtime.log"),
    PACS_WEB_URL: `http://127.0.0.1:${ports.web}`,
    TMPDIR: tmpDir,
    PACS_SIGNING_KEY_FILE: ensureDevSigningKey(root, PROJECT_ID),
    PACS_TICKET_SECRET_FILE: ensureDevSecret(root, "ticket-secret.txt"),
    PACS_SHARE_TOKEN_SECRET_FILE: ensureDevSecret(root, "share-token-secret.txt"),
    // Function workers inherit firebase-tools' environment (secrets not
    // listed in .secret.local are left as they are), so the local maildev
    // stands in for the PACS_SMTP_URL secret. Always ours: a local run never
    // sends real email. Tests find the inbox through PACS_MAIL_WEB_URL.
    PACS_SMTP_URL: mailUrls(ports).smtpUrl,
    PACS_MAIL_WEB_URL: mailUrls(ports).inboxUrl,
  };
  const baseArgs = ["--config", configPath, "--project", PROJECT_ID, "--only", EMULATORS];
  return { configPath, env, baseArgs };
}
