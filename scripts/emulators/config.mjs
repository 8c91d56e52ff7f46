// Writes firebase.local.<web port>.json: the committed firebase.json with this run's
// ports. firebase-tools resolves paths relative to the config file, so it sits
// next to firebase.json (and is git-ignored).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const PROJECT_ID = process.env.PACS_PROJECT_ID ?? "demo-radiology-pacs";

// A GA4 measurement ID that exists nowhere: after "Accept all" the app tries to start
// Analytics against it, which is what the consent tests watch for (and block). Set
// PACS_MEASUREMENT_ID to a real property to try Analytics locally, or to "" to leave it out.
const MEASUREMENT_ID = process.env.PACS_MEASUREMENT_ID ?? "G-DEMO00000";

export function writeLocalFirebaseConfig(root, ports) {
  const config = JSON.parse(readFileSync(join(root, "firebase.json"), "utf8"));
  const host = "127.0.0.1";
  config.emulators = {
    ...config.emulators,
    singleProjectMode: true,
    ui: { enabled: false },
    hub: { host, port: ports.hub },
    logging: { host, port: ports.logging },
    hosting: { host, port: ports.web },
    auth: { host, port: ports.auth },
    firestore: { host, port: ports.firestore, websocketPort: ports.firestoreWebsocket },
    storage: { host, port: ports.storage },
    functions: { host, port: ports.functions },
    eventarc: { host, port: ports.eventarc },
    tasks: { host, port: ports.tasks },
  };
  // One file per port range, so that runs on different ranges (tests beside a
  // running `npm start`, a benchmark) never read each other's ports.
  const path = join(root, `firebase.local.${ports.web}.json`);
  writeFileSync(path, JSON.stringify(config, null, 2) + "\n");
  return path;
}

/** The web app's runtime configuration for the emulators (see RuntimeConfig). */
export function buildEmulatorRuntimeConfig(ports) {
  return {
    firebase: {
      apiKey: "demo-api-key",
      authDomain: `${PROJECT_ID}.firebaseapp.com`,
      projectId: PROJECT_ID,
      storageBucket: `${PROJECT_ID}.appspot.com`,
      // Firebase Analytics refuses to start without an app ID; the emulators ignore it.
      appId: "1:000000000000:web:0000000000000000",
      ...(MEASUREMENT_ID ? { measurementId: MEASUREMENT_ID } : {}),
    },
    emulators: {
      auth: `127.0.0.1:${ports.auth}`,
      firestore: `127.0.0.1:${ports.firestore}`,
      storage: `127.0.0.1:${ports.storage}`,
    },
  };
}
