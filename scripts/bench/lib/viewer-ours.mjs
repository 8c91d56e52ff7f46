// Our side of `npm run bench:viewer` before the search: the CT ingested
// through the upload flow (bench:ingest's code), then the study manifest,
// signed URLs included, timed on the `api` function.
import { benchOurs } from "./ours.mjs";
import { fetchWhole, timeRepeated } from "./viewer-stats.mjs";

/** The StudyInstanceUIDs of a user's studies (document ids), read with the emulator's owner token. */
async function listStudyUIDs({ ports, projectId }, uid) {
  const url = `http://127.0.0.1:${ports.firestore}/v1/projects/${projectId}/databases/(default)/documents/users/${uid}/studies?pageSize=10&mask.fieldPaths=StudyInstanceUID`;
  const response = await fetch(url, { headers: { Authorization: "Bearer owner" } });
  if (!response.ok) throw new Error(`Firestore emulator: list users/${uid}/studies: HTTP ${response.status}`);
  return ((await response.json()).documents ?? []).map((document) => document.name.split("/").at(-1));
}

/**
 * Ingests the CT ZIP for a fresh `user` and returns the ingest figures and
 * the study's UID; fails unless every slice was stored in one study (and,
 * when Orthanc ran first, in the study Orthanc indexed).
 */
export async function ingestCtForUser({ emulators, dataset, user, expectedStudyUID, timeoutMs, log }) {
  const ingest = await benchOurs({ emulators, dataset, timeoutMs, log, user });
  if (ingest.instances !== dataset.instances) {
    throw new Error(`our ingest stored ${ingest.instances} instances, expected ${dataset.instances}: ${JSON.stringify(ingest.problems.slice(0, 3))}`);
  }
  const studies = await listStudyUIDs(emulators, user.uid);
  if (studies.length !== 1 || (expectedStudyUID && studies[0] !== expectedStudyUID)) {
    throw new Error(`after ingest the user has studies ${JSON.stringify(studies)}, expected exactly ${expectedStudyUID ?? "one"}`);
  }
  return { ingest, studyUID: studies[0] };
}

/** Instances in a dicomjson manifest, and how many carry a signed URL (OHIF's `dicomweb:` scheme). */
export function countManifest(body) {
  const instances = JSON.parse(body).studies.flatMap((study) => study.series.flatMap((series) => series.instances));
  const signed = instances.filter((instance) => /^dicomweb:https?:\/\/.*X-Goog-Signature=/i.test(instance.url ?? "")).length;
  return { instances: instances.length, signedUrls: signed };
}

/** GET /api/studies/{uid}/manifest `n` times on the Functions emulator, with the user's ID token. */
export async function benchManifest({ emulators, user, studyUID, expectedInstances, n }) {
  const url = `${emulators.functionsOrigin}/api/studies/${studyUID}/manifest`;
  let shape = { bytes: 0, instances: 0, signedUrls: 0 };
  const times = await timeRepeated(n, () => fetchWhole(url, { Authorization: `Bearer ${user.idToken}` }), ({ bytes, body }) => {
    shape = { bytes, ...countManifest(body) };
    if (shape.instances !== expectedInstances || shape.signedUrls !== expectedInstances) {
      throw new Error(`the manifest lists ${shape.instances} instances with ${shape.signedUrls} signed URLs, expected ${expectedInstances} of each`);
    }
  });
  return { ...times, ...shape };
}
