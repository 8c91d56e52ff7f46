// One side of `npm run bench:dicomweb`, the same for ours and Orthanc's:
// STOW-RS of the CT (timed until the answer, then until the archive lists
// every instance), the seeded studies stored untimed, then QIDO-RS study
// searches of a few shapes and WADO-RS study metadata of the CT, each
// repeated and checked against the answer it must give.
import { countPrefixMatches, describeSeedStudy, SEARCH_PREFIX } from "./viewer-studies.mjs";
import { fetchWhole, timeRepeated } from "./viewer-stats.mjs";
import { buildStowRequests } from "./dicomweb-data.mjs";
import { waitFor } from "./processes.mjs";

const DICOM_JSON = "application/dicom+json";
/** A Study Date range that holds the first 90 seeded studies and neither CT (dated 2024 or undated). */
const DATE_RANGE = ["20150101", "20150331"];
/** Seeded studies go in this many per STOW-RS request (untimed). */
const SEEDS_PER_REQUEST = 200;

/** The QIDO-RS study searches both archives answer, with how many studies each must find. */
export function buildQueryShapes({ uidRoot, seedCount }) {
  let inRange = 0;
  for (let i = 0; i < seedCount; i += 1) {
    const { StudyDate } = describeSeedStudy(uidRoot, i);
    if (StudyDate >= DATE_RANGE[0] && StudyDate <= DATE_RANGE[1]) inRange += 1;
  }
  return [
    // Matches nothing: what every request costs before there is anything to send (authorisation, audit, one lookup).
    { label: "StudyInstanceUID=<none> (the floor)", query: `StudyInstanceUID=${uidRoot}.0`, expected: 0 },
    { label: `PatientName=${SEARCH_PREFIX}* (wildcard)`, query: `PatientName=${encodeURIComponent(`${SEARCH_PREFIX}*`)}`, expected: countPrefixMatches(seedCount) },
    { label: `StudyDate=${DATE_RANGE.join("-")} (range)`, query: `StudyDate=${DATE_RANGE.join("-")}`, expected: inRange },
    { label: "all studies, limit=100", query: "limit=100", expected: Math.min(100, seedCount + 1) },
  ];
}

/**
 * The StudyInstanceUID of an Explicit VR Little Endian file (both CT
 * generators write that): found by its tag and VR, which is enough for
 * files this bench made itself.
 */
export function readStudyInstanceUID(file) {
  const at = file.indexOf(Buffer.from([0x20, 0x00, 0x0d, 0x00, 0x55, 0x49]));
  if (at < 0) throw new Error("the CT's first slice has no Explicit VR Study Instance UID (0020,000D)");
  const length = file.readUInt16LE(at + 6);
  return file.subarray(at + 8, at + 8 + length).toString("latin1").replace(/\0+$/, "");
}

/** POSTs each request to `{base}/studies` in turn; fails unless every instance is referenced and none failed. */
async function storeAll(base, headers, requests) {
  for (const { body, contentType, instances } of requests) {
    const response = await fetch(`${base}/studies`, { method: "POST", headers: { ...headers, "Content-Type": contentType, Accept: DICOM_JSON }, body });
    const text = await response.text();
    if (response.status !== 200 && response.status !== 202) throw new Error(`STOW-RS ${base}/studies: HTTP ${response.status}: ${text.slice(0, 300)}`);
    const answer = JSON.parse(text);
    const referenced = answer["00081199"]?.Value?.length ?? 0;
    const failed = answer["00081198"]?.Value?.length ?? 0;
    if (referenced !== instances || failed > 0) throw new Error(`STOW-RS ${base}/studies referenced ${referenced} of ${instances} instances, ${failed} failed: ${text.slice(0, 300)}`);
  }
}

/**
 * Runs one side against the DICOMweb root `base` (no trailing slash) with
 * `headers` (authorisation). `isStudyListed(studyUID, instances)` and
 * `countStudies()` read what the archive lists (Orthanc: all it stored, as
 * its STOW answer comes after indexing).
 */
export async function measureDicomweb({ base, headers, ct, seeds, shapes, repeats, isStudyListed, countStudies, log }) {
  const timeoutMs = 60_000 + 1000 * ct.slices.length;
  // One untimed request first, as before every timed one: a cold function worker is not what STOW-RS costs.
  await fetchWhole(`${base}/studies?limit=1`, { ...headers, Accept: DICOM_JSON });
  const ctRequests = buildStowRequests(ct.slices);
  const bytes = ctRequests.reduce((sum, r) => sum + r.body.length, 0);
  log(`  STOW-RS of the ${ct.slices.length}-slice CT in ${ctRequests.length} requests (${(bytes / 1024 / 1024).toFixed(0)} MB)...`);
  const started = performance.now();
  await storeAll(base, headers, ctRequests);
  const answeredMs = performance.now() - started;
  // Listed when the last answer came (checked once, then waited for): the time a client may search for it.
  const listedAtAnswer = await isStudyListed(ct.studyUID, ct.slices.length);
  if (!listedAtAnswer) await waitFor(`the CT listed with ${ct.slices.length} instances`, () => isStudyListed(ct.studyUID, ct.slices.length), { timeoutMs, intervalMs: 50 });
  const listedMs = listedAtAnswer ? answeredMs : performance.now() - started;
  const stow = { instances: ct.slices.length, requests: ctRequests.length, bytes, answeredSeconds: answeredMs / 1000, listedAtAnswer, listedSeconds: listedMs / 1000, rate: ct.slices.length / (listedMs / 1000) };

  log(`  storing ${seeds.length} one-instance studies (untimed)...`);
  await storeAll(base, headers, buildStowRequests(seeds, { maxInstances: SEEDS_PER_REQUEST }));
  await waitFor(`${seeds.length + 1} studies listed`, async () => (await countStudies()) >= seeds.length + 1, { timeoutMs, intervalMs: 50 });

  const qidoHeaders = { ...headers, Accept: DICOM_JSON };
  const searches = [];
  for (const shape of shapes) {
    log(`  QIDO-RS studies?${shape.query}, ${repeats.search} times...`);
    const timing = await timeRepeated(repeats.search, () => fetchWhole(`${base}/studies?${shape.query}`, qidoHeaders), ({ body }) => {
      // An empty answer may come as 204 No Content.
      const found = body ? JSON.parse(body).length : 0;
      if (found !== shape.expected) throw new Error(`QIDO-RS studies?${shape.query} found ${found} studies, expected ${shape.expected}`);
    });
    searches.push({ label: shape.label, query: shape.query, expected: shape.expected, ...timing });
  }

  log(`  WADO-RS studies/{CT}/metadata, ${repeats.metadata} times...`);
  let shape = { bytes: 0, instances: 0 };
  const metadata = await timeRepeated(repeats.metadata, () => fetchWhole(`${base}/studies/${ct.studyUID}/metadata`, qidoHeaders), ({ bytes: size, body }) => {
    shape = { bytes: size, instances: JSON.parse(body).length };
    if (shape.instances !== ct.slices.length) throw new Error(`WADO-RS metadata lists ${shape.instances} instances, expected ${ct.slices.length}`);
  });
  return { stow, searches, metadata: { ...metadata, ...shape } };
}
