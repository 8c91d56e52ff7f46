// The two archives `npm run bench:dicomweb` measures, each started fresh,
// loaded with the same files through its own STOW-RS, measured the same way
// (dicomweb-measure.mjs), and stopped by PID: Orthanc with its DICOMweb
// plugin, then our service on the emulators.
import { join } from "node:path";
import { startEmulators } from "./emulators.mjs";
import { measureDicomweb } from "./dicomweb-measure.mjs";
import { startOrthanc } from "./orthanc.mjs";
import { callApi, createVerifiedUser, readDocument } from "./pacs-client.mjs";
import { openAdminFirestore } from "./viewer-search.mjs";

export async function benchOrthancDicomweb({ binary, root, cacheDir, stamp, load, log }) {
  const { origin, pid, stop } = await startOrthanc({ binary, root, workDir: join(cacheDir, `orthanc-dicomweb-${stamp}`), logPath: join(cacheDir, "logs", stamp, "orthanc.log") });
  try {
    const version = (await (await fetch(`${origin}/system`)).json()).Version;
    log(`Orthanc ${version} on ${origin} (PID ${pid}), DICOMweb at /dicom-web/:`);
    // Orthanc answers STOW-RS once every instance is stored and indexed.
    const isStudyListed = async () => true;
    const countStudies = async () => (await (await fetch(`${origin}/statistics`)).json()).CountStudies;
    return { version, ...(await measureDicomweb({ base: `${origin}/dicom-web`, headers: {}, ...load, isStudyListed, countStudies, log })) };
  } finally {
    await stop();
  }
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
    // The `dicomweb` function beside `api`; its app serves /dicomweb/ below its own URL.
    const base = `${emulators.functionsOrigin.replace(/\/api$/, "/dicomweb")}/dicomweb`;
    log(`our DICOMweb service at ${base} (EMULATORS), user ${user.uid}, personal access token:`);
    const firestore = openAdminFirestore(root, emulators);
    const studies = firestore.db.collection(`users/${user.uid}/studies`);
    try {
      const isStudyListed = async (studyUID, instances) => (await readDocument(emulators, `users/${user.uid}/studies/${studyUID}`))?.NumberOfStudyRelatedInstances === instances;
      const countStudies = async () => (await studies.count().get()).data().count;
      return await measureDicomweb({ base, headers: { Authorization: `Bearer ${token}` }, ...load, isStudyListed, countStudies, log });
    } finally {
      await firestore.close();
    }
  } finally {
    log("stopping the emulators...");
    await emulators.stop();
  }
}
