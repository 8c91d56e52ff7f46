// Our side of `npm run bench:share`: the CT ingested for a fresh owner, one
// share link to it, opened once the way the /s/<token> page does, and then
// its manifest hammered through the Hosting emulator's /api rewrite on
// 127.0.0.1, the address a recipient's browser reaches.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { buildFunctions, startHostedEmulators } from "./emulators.mjs";
import { callApi, createVerifiedUser, readDocument } from "./pacs-client.mjs";
import { describeExtent, drain, runLoad, warmUp } from "./share-load.mjs";
import { countManifest, ingestCtForUser } from "./viewer-ours.mjs";
import { fetchWhole } from "./viewer-stats.mjs";

/** A 200 this much lighter than the checked manifest is not the manifest (signed URLs vary by a few bytes). */
const SHORT_ANSWER_SHARE = 0.9;

/**
 * Hosting needs a public folder, but this bench only goes through its /api
 * rewrite: one page instead of a copy of the web build, so the bench runs
 * without OHIF being built.
 */
function writeApiOnlyPublic(workDir) {
  const dir = join(workDir, "public");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>bench:share</title><p>Only /api is served here.</p>\n");
  return dir;
}

/** The link as its owner creates it from the study page: 24 hours, no PIN, no view limit, no download. */
async function createAndOpenLink(origin, user, studyUID) {
  const { ShareOpenGrant } = await import("@pacs/shared");
  const body = { StudyInstanceUID: studyUID, expiry: { preset: "24h" }, allowDownload: false };
  const link = await callApi(origin, "/api/share-links", { idToken: user.idToken, body });
  const token = link.path.slice("/s/".length);
  const grant = ShareOpenGrant.parse(await callApi(origin, "/api/shares/open", { body: { token } }));
  return { linkId: link.linkId, token, manifestPath: grant.manifestPath };
}

/** Fetches the manifest once before the load and fails unless it lists every instance with a signed URL. */
async function checkManifest(url, expectedInstances) {
  const { bytes, body } = await fetchWhole(url);
  const shape = { bytes, ...countManifest(body) };
  if (shape.instances !== expectedInstances || shape.signedUrls !== expectedInstances) {
    throw new Error(`the shared manifest lists ${shape.instances} instances with ${shape.signedUrls} signed URLs, expected ${expectedInstances} of each`);
  }
  return shape;
}

/**
 * The opens counted one view each in a transaction on the one link document.
 * Opens still running on the server when the load stopped may count after
 * it, so the count is read once it has settled, and must lie between the
 * opens answered 200 and the opens sent (each plus the one before the load).
 */
async function checkViews(emulators, user, linkId, opens) {
  const readViews = async () => (await readDocument(emulators, `users/${user.uid}/shareLinks/${linkId}`))?.views ?? null;
  let views = await readViews();
  // Settled: the same count three seconds running (a minute at most).
  for (let settled = 0, reads = 0; settled < 3 && reads < 60; reads += 1) {
    await sleep(1000);
    const next = await readViews();
    settled = next === views ? settled + 1 : 0;
    views = next;
  }
  const least = 1 + (opens?.statusCodes[200] ?? 0);
  const most = 1 + (opens?.sent ?? 0);
  return { views, least, most, consistent: views !== null && views >= least && views <= most };
}

/** The manifest load, warm-up first; then, unless `options.opens` is 0, the same concurrency on opens. */
async function loadShare({ origin, share, manifest, options, log }) {
  const load = { ...options.load, url: `${origin}${share.manifestPath}`, minBytes: Math.floor(manifest.bytes * SHORT_ANSWER_SHARE) };
  const warm = await warmUp(load, log);
  log(`timed: GET ${origin}/api/share-manifests/<ticket>, ${describeExtent(load)}...`);
  const manifestLoad = await runLoad(load);
  if (options.opens === 0) return { warmUp: warm, manifest: manifestLoad, opens: null };
  await drain(manifestLoad, load.timeoutSeconds);
  const opensLoad = { ...options.load, requests: options.opens };
  log(`timed: POST ${origin}/api/shares/open, ${describeExtent(opensLoad)}...`);
  const opens = await runLoad({
    ...opensLoad,
    url: `${origin}/api/shares/open`,
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ token: share.token }),
  });
  return { warmUp: warm, manifest: manifestLoad, opens };
}

/** Runs our side from the build to the emulators' stop. */
export async function benchOurShare({ root, cacheDir, stamp, dataset, expectedStudyUID, options, log }) {
  if (options.build) buildFunctions(root);
  const workDir = join(cacheDir, "logs", stamp, "emulators");
  mkdirSync(workDir, { recursive: true });
  const emulators = await startHostedEmulators({ root, portBase: options.portBase, workDir, log, hostingPublic: writeApiOnlyPublic(workDir) });
  try {
    const user = await createVerifiedUser(emulators);
    const timeoutMs = (60 + dataset.instances) * 1000;
    const { ingest, studyUID } = await ingestCtForUser({ emulators, dataset, user, expectedStudyUID, timeoutMs, log });
    log(`ingested ${ingest.instances} instances in ${ingest.seconds.toFixed(1)} s; sharing ${studyUID}...`);
    const origin = `http://127.0.0.1:${emulators.ports.web}`;
    const share = await createAndOpenLink(origin, user, studyUID);
    const manifest = await checkManifest(`${origin}${share.manifestPath}`, dataset.instances);
    log(`the shared manifest lists ${manifest.instances} instances, each with a signed URL (${(manifest.bytes / 1e6).toFixed(2)} MB)`);
    const loads = await loadShare({ origin, share, manifest, options, log });
    const views = await checkViews(emulators, user, share.linkId, loads.opens);
    return { studyUID, origin, manifestShape: manifest, ...loads, views };
  } finally {
    log("stopping the emulators...");
    await emulators.stop();
  }
}
