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

/** Where the browser reaches the emulators; never in the production firebase.json (tests/unit/hosting-headers.test.ts). */
const EMULATOR_SOURCES = ["http://127.0.0.1:*", "http://localhost:*"];
const DIRECTIVES_FOR_EMULATORS = ["connect-src", "object-src", "frame-src"];

/**
 * The config with the local emulator sources added to every Content-Security-Policy's
 * connect-src, object-src and frame-src (unless it is 'none'): the page talks to the Auth, Firestore and
 * Storage emulators on 127.0.0.1, and signed URLs point at the Storage emulator.
 */
export function addEmulatorSources(config) {
  const widen = (policy) =>
    policy
      .split(";")
      .map((part) => {
        const directive = part.trim();
        const name = directive.split(/\s+/)[0];
        // A directive that is 'none' stays so: 'none' beside a source is ignored, with a console error on every page.
        const none = directive.split(/\s+/).includes("'none'");
        return DIRECTIVES_FOR_EMULATORS.includes(name) && !none ? `${directive} ${EMULATOR_SOURCES.join(" ")}` : directive;
      })
      .join("; ");
  const headers = (config.hosting?.headers ?? []).map((rule) => ({
    ...rule,
    headers: rule.headers.map((h) => (h.key.toLowerCase() === "content-security-policy" ? { ...h, value: widen(h.value) } : h)),
  }));
  return { ...config, hosting: { ...config.hosting, headers } };
}

export function writeLocalFirebaseConfig(root, ports) {
  const config = addEmulatorSources(JSON.parse(readFileSync(join(root, "firebase.json"), "utf8")));
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
