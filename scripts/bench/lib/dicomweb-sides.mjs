// The two archives `npm run bench:dicomweb` measures, each started fresh,
// loaded with the same files through its own STOW-RS, measured the same way
// (dicomweb-measure.mjs), and stopped by PID: Orthanc with its DICOMweb
// plugin, then our service on the emulators.
import { createRequire } from "node:module";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { startEmulators } from "./emulators.mjs";
import { measureDicomweb } from "./dicomweb-measure.mjs";
import { startOrthanc } from "./orthanc.mjs";
import { callApi, createVerifiedUser, readDocument } from "./pacs-client.mjs";

/** setGlobalOptions in functions/src/index.ts. */
const REGION = "europe-west1";

export async function benchOrthancDicomweb({ binary, root, cacheDir, stamp, load, log }) {
  const { origin, pid, stop } = await startOrthanc({ binary, root, workDir: join(cacheDir, `orthanc-dicomweb-${stamp}`), logPath: join(cacheDir, "logs", stamp, "orthanc.log") });
  try {
    const version = (await (await fetch(`${origin}/system`)).json()).Version;
    log(`Orthanc ${version} on ${origin} (PID ${pid}), DICOMweb at /dicom-web/:`);
    // Orthanc answers STOW-RS once every instance is stored and indexed.
    const ready = async () => {};
    return { version, ...(await measureDicomweb({ base: `${origin}/dicom-web`, headers: {}, ...load, waitUntilListed: ready, waitUntilSeeded: ready, log })) };
  } finally {
    await stop();
  }
}

/** Polls `probe` every 50 ms until it is true; throws with `what` after `timeoutMs`. */
async function pollUntil(what, probe, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs / 1000} s`);
    await sleep(50);
  }
}

function openStudyCounter(root, emulators, uid) {
  process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${emulators.ports.firestore}`;
  const require = createRequire(join(root, "functions", "package.json"));
  const { initializeApp } = require("firebase-admin/app");
  const { getFirestore } = require("firebase-admin/firestore");
  const app = initializeApp({ projectId: emulators.projectId }, `bench-dicomweb-${Date.now()}`);
  const studies = getFirestore(app).collection(`users/${uid}/studies`);
  return { count: async () => (await studies.count().get()).data().count, close: () => app.delete() };
}

/**
 * Our side: the emulators (Functions, Firestore, Storage, Auth, Tasks), a
 * verified user and a read-and-write personal access token, as a gateway
 * would hold; the DICOMweb function called on the Functions emulator's own
 * URL (production adds Hosting's rewrite in front).
 */
export async function benchOurDicomweb({ root, cacheDir, stamp, portBase, load, log }) {
  const workDir = join(cacheDir, "logs", stamp, "emulators");
  const emulators = await startEmulators({ root, portBase, workDir, logPath: join(workDir, "emulators.log"), log });
  try {
    const user = await createVerifiedUser(emulators);
    const { token } = await callApi(emulators.functionsOrigin, "/api/access-tokens", { idToken: user.idToken, body: { name: "bench:dicomweb", scope: "read-write", expiresInDays: 1 } });
    const base = `http://127.0.0.1:${emulators.ports.functions}/${emulators.projectId}/${REGION}/dicomweb/dicomweb`;
    log(`our DICOMweb service at ${base} (EMULATORS), user ${user.uid}, personal access token:`);
    const counter = openStudyCounter(root, emulators, user.uid);
    const timeoutMs = 60_000 + 1000 * load.ct.slices.length;
    try {
      const waitUntilListed = (studyUID, instances) =>
        pollUntil(`study ${studyUID} listed with ${instances} instances`, async () => (await readDocument(emulators, `users/${user.uid}/studies/${studyUID}`))?.NumberOfStudyRelatedInstances === instances, timeoutMs);
      const waitUntilSeeded = (studies) => pollUntil(`${studies} studies listed`, async () => (await counter.count()) >= studies, timeoutMs);
      return await measureDicomweb({ base, headers: { Authorization: `Bearer ${token}` }, ...load, waitUntilListed, waitUntilSeeded, log });
    } finally {
      await counter.close();
    }
  } finally {
    log("stopping the emulators...");
    await emulators.stop();
  }
}
