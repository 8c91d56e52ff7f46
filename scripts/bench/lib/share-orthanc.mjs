// Orthanc's side of `npm run bench:share`. Orthanc has no share links; the
// request a viewer makes to it for the same study is WADO-RS study metadata,
// so that is what gets the same connections for the same time.
import { describeExtent, runLoad, warmUp } from "./share-load.mjs";
import { startOrthancWithCt } from "./viewer-orthanc.mjs";
import { fetchWhole } from "./viewer-stats.mjs";

const DICOM_JSON = { Accept: "application/dicom+json" };
/** As on our side: a 200 this much lighter than the checked answer is not the study's metadata. */
const SHORT_ANSWER_SHARE = 0.9;

/** Fetches the metadata once before the load and fails unless it lists every instance. */
async function checkMetadata(url, expectedInstances) {
  const { bytes, body } = await fetchWhole(url, DICOM_JSON);
  const instances = JSON.parse(body).length;
  if (instances !== expectedInstances) throw new Error(`Orthanc metadata lists ${instances} instances, expected ${expectedInstances}`);
  return { bytes, instances };
}

/** Runs Orthanc's side from start to stop; returns its version, the CT's StudyInstanceUID and the figures. */
export async function benchOrthancShare({ binary, root, cacheDir, stamp, dataset, options, log }) {
  const { origin, version, studyUID, stop } = await startOrthancWithCt({ binary, root, cacheDir, stamp, name: "share", dataset, log });
  try {
    const url = `${origin}/dicom-web/studies/${studyUID}/metadata`;
    const metadataShape = await checkMetadata(url, dataset.instances);
    const load = { ...options.load, url, headers: DICOM_JSON, minBytes: Math.floor(metadataShape.bytes * SHORT_ANSWER_SHARE) };
    const warm = await warmUp(load, log);
    log(`timed: GET /dicom-web/studies/<uid>/metadata, ${describeExtent(load)}...`);
    const metadata = await runLoad(load);
    return { version, studyUID, metadataShape, warmUp: warm, metadata };
  } finally {
    await stop();
  }
}
