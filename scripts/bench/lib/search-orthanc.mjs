// Orthanc's side of `npm run bench:search`: the same seeded studies loaded
// into a fresh Orthanc (many per ZIP POST, within a time budget), then its
// QIDO-RS study search timed with the same patient-name prefix and page size.
import { join } from "node:path";
import { startOrthanc } from "./orthanc.mjs";
import { seedStudies } from "./viewer-orthanc.mjs";
import { countPrefixMatches, SEARCH_PREFIX } from "./viewer-studies.mjs";
import { fetchWhole, timeRepeated } from "./viewer-stats.mjs";

export async function benchOrthancSearch({ binary, root, cacheDir, stamp, uidRoot, count, budgetSeconds, searches, pageSize, log }) {
  const { origin, pid, stop } = await startOrthanc({ binary, root, workDir: join(cacheDir, `orthanc-search-${stamp}`), logPath: join(cacheDir, "logs", stamp, "orthanc.log") });
  try {
    const version = (await (await fetch(`${origin}/system`)).json()).Version;
    log(`Orthanc ${version} on ${origin} (PID ${pid}): loading up to ${count} one-instance studies (budget ${budgetSeconds} s)...`);
    const seeded = await seedStudies({ origin, root, cacheDir, uidRoot, count, budgetSeconds, log });
    log(`  ${seeded.stored} studies in ${seeded.seconds.toFixed(1)} s; timing QIDO-RS PatientName=${SEARCH_PREFIX}* ${searches} times`);
    const qido = `${origin}/dicom-web/studies?PatientName=${encodeURIComponent(`${SEARCH_PREFIX}*`)}&limit=${pageSize}`;
    const expected = Math.min(pageSize, countPrefixMatches(seeded.stored));
    const search = await timeRepeated(searches, () => fetchWhole(qido, { Accept: "application/dicom+json" }), ({ body }) => {
      const found = JSON.parse(body).length;
      if (found !== expected) throw new Error(`Orthanc QIDO-RS returned ${found} studies, expected ${expected}`);
    });
    return { version, ...search, text: SEARCH_PREFIX, studies: seeded.stored, seeded };
  } finally {
    await stop();
  }
}
