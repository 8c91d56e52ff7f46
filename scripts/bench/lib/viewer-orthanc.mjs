// Orthanc's side of `npm run bench:viewer`: the CT ZIP ingested, its WADO-RS
// study metadata timed, then thousands of one-instance studies loaded (many
// per ZIP POST) and its QIDO-RS study search timed with the same prefix.
import { createRequire } from "node:module";
import { join } from "node:path";
import { loadDicomWriter } from "./ct-synthetic.mjs";
import { postFile, startOrthanc } from "./orthanc.mjs";
import { countPrefixMatches, describeSeedStudy, SEARCH_PREFIX } from "./viewer-studies.mjs";
import { fetchWhole, timeRepeated } from "./viewer-stats.mjs";

/** Instances per ZIP POST: large enough to amortise the request, small enough to stop near the time budget. */
const STUDIES_PER_POST = 500;

async function postBuffer(url, body, contentType) {
  const response = await fetch(url, { method: "POST", headers: { "Content-Type": contentType }, body });
  const text = await response.text();
  if (!response.ok) throw new Error(`Orthanc POST ${url}: HTTP ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

function countStatuses(results) {
  const statuses = {};
  for (const { Status } of [results].flat()) statuses[Status] = (statuses[Status] ?? 0) + 1;
  return statuses;
}

/** Ingests the CT ZIP and returns its StudyInstanceUID as Orthanc indexed it. */
async function ingestCt(origin, dataset) {
  const response = await postFile(`${origin}/instances`, dataset.zipPath);
  if (response.status !== 200) throw new Error(`Orthanc POST /instances: HTTP ${response.status}: ${response.body.slice(0, 300)}`);
  const results = JSON.parse(response.body);
  const statuses = countStatuses(results);
  if ((statuses.Success ?? 0) !== dataset.instances) throw new Error(`Orthanc stored ${JSON.stringify(statuses)} of the CT ZIP, expected ${dataset.instances} Success`);
  const study = await (await fetch(`${origin}/studies/${results[0].ParentStudy}`)).json();
  return study.MainDicomTags.StudyInstanceUID;
}

/** One tiny CT instance (2x2 pixels) per seeded study, with that study's patient and study attributes. */
export function buildSeedInstance(writer, study) {
  const elements = writer.buildCtElements([
    { tag: "00080018", vr: "UI", value: study.SOPInstanceUID },
    { tag: "0020000D", vr: "UI", value: study.StudyInstanceUID },
    { tag: "0020000E", vr: "UI", value: study.SeriesInstanceUID },
    { tag: "00100010", vr: "PN", value: study.PatientName },
    { tag: "00100020", vr: "LO", value: study.PatientID },
    { tag: "00080020", vr: "DA", value: study.StudyDate },
    { tag: "00080030", vr: "TM", value: study.StudyTime },
    { tag: "00080050", vr: "SH", value: study.AccessionNumber },
    { tag: "00081030", vr: "LO", value: study.StudyDescription },
    { tag: "00280010", vr: "US", value: 2 },
    { tag: "00280011", vr: "US", value: 2 },
  ]);
  return writer.buildDicomFile(elements, { pixelData: writer.TINY_PIXEL_DATA });
}

/** Loads up to `count` studies, stopping at the first ZIP that ends after `budgetSeconds`. */
export async function seedStudies({ origin, root, cacheDir, uidRoot, count, budgetSeconds, log }) {
  const writer = await loadDicomWriter(root, cacheDir);
  const JSZip = createRequire(join(root, "functions", "package.json"))("jszip");
  const started = performance.now();
  let stored = 0;
  while (stored < count && (performance.now() - started) / 1000 < budgetSeconds) {
    const zip = new JSZip();
    const end = Math.min(count, stored + STUDIES_PER_POST);
    for (let i = stored; i < end; i += 1) zip.file(`S${i + 1}.dcm`, buildSeedInstance(writer, describeSeedStudy(uidRoot, i)));
    const body = await zip.generateAsync({ type: "nodebuffer", compression: "STORE" });
    const statuses = countStatuses(await postBuffer(`${origin}/instances`, body, "application/zip"));
    if ((statuses.Success ?? 0) !== end - stored) throw new Error(`Orthanc stored ${JSON.stringify(statuses)} of ${end - stored} seeded studies`);
    stored = end;
    if (stored % 2000 === 0) log(`  ${stored}/${count} studies in Orthanc after ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  return { stored, seconds: (performance.now() - started) / 1000, complete: stored === count };
}

/**
 * A fresh Orthanc in `.cache/bench/orthanc-<name>-<stamp>` with the CT ZIP
 * ingested: its origin, version, the CT's StudyInstanceUID, and stop().
 */
export async function startOrthancWithCt({ binary, root, cacheDir, stamp, name, dataset, log }) {
  const workDir = join(cacheDir, `orthanc-${name}-${stamp}`);
  const { origin, pid, stop } = await startOrthanc({ binary, root, workDir, logPath: join(cacheDir, "logs", stamp, "orthanc.log") });
  try {
    const version = (await (await fetch(`${origin}/system`)).json()).Version;
    log(`Orthanc ${version} on ${origin} (PID ${pid}): ingesting ${dataset.zipPath}...`);
    return { origin, version, studyUID: await ingestCt(origin, dataset), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Runs Orthanc's side from start to stop. Returns the metadata and search
 * figures, the CT's StudyInstanceUID (our side must find the same study),
 * and how many seeded studies fitted in the time budget.
 */
export async function benchOrthancViewer({ binary, root, cacheDir, stamp, dataset, uidRoot, seedStudies: count, seedBudgetSeconds, repeats, log }) {
  const { origin, version, studyUID, stop } = await startOrthancWithCt({ binary, root, cacheDir, stamp, name: "viewer", dataset, log });
  try {
    log(`timing WADO-RS studies/${studyUID}/metadata ${repeats.manifest} times...`);
    let metadata = { bytes: 0, instances: 0 };
    const metadataTimes = await timeRepeated(repeats.manifest, () => fetchWhole(`${origin}/dicom-web/studies/${studyUID}/metadata`, { Accept: "application/dicom+json" }), ({ bytes, body }) => {
      metadata = { bytes, instances: JSON.parse(body).length };
      if (metadata.instances !== dataset.instances) throw new Error(`Orthanc metadata lists ${metadata.instances} instances, expected ${dataset.instances}`);
    });

    log(`loading up to ${count} one-instance studies into Orthanc (budget ${seedBudgetSeconds} s)...`);
    const seeded = await seedStudies({ origin, root, cacheDir, uidRoot, count, budgetSeconds: seedBudgetSeconds, log });
    log(`  ${seeded.stored} studies in ${seeded.seconds.toFixed(1)} s; timing QIDO-RS PatientName=${SEARCH_PREFIX}* ${repeats.search} times`);
    const qido = `${origin}/dicom-web/studies?PatientName=${encodeURIComponent(`${SEARCH_PREFIX}*`)}&limit=50`;
    const expected = Math.min(50, countPrefixMatches(seeded.stored));
    const search = await timeRepeated(repeats.search, () => fetchWhole(qido, { Accept: "application/dicom+json" }), ({ body }) => {
      const found = JSON.parse(body).length;
      if (found !== expected) throw new Error(`Orthanc QIDO-RS returned ${found} studies, expected ${expected}`);
    });
    return { version, studyUID, metadata: { ...metadataTimes, ...metadata }, search: { ...search, text: SEARCH_PREFIX, studies: seeded.stored + 1, seeded } };
  } finally {
    await stop();
  }
}
