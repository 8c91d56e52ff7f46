// Our study search at 10,000 studies: records seeded straight into the
// Firestore emulator with the Admin SDK, then the study list's own query
// (study-query.ts's plan, limit one page) timed two ways: through the Admin
// SDK, and as the signed-in user over Firestore's REST API (rules applied),
// which is closer to what the browser pays.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { countPrefixMatches, describeSeedStudy, SEARCH_PREFIX } from "./viewer-studies.mjs";
import { bundleAndImport } from "./bundle.mjs";
import { timeRepeated } from "./viewer-stats.mjs";

/** Used when study-query.ts is not there (yet): what the study list asked before filters existed. */
const FALLBACK_PAGE_SIZE = 50;

/**
 * Bundles the shared schema and search-terms builder and, when it exists,
 * the web app's query builder, from source (dist/ may be older than the
 * tree). Returns the module plus whether the web query builder was found.
 */
async function loadSearchModules(root, cacheDir) {
  const queryFile = join(root, "apps", "web", "src", "lib", "study-query.ts");
  const sharedEntry = join(root, "packages", "shared", "src", "index.ts");
  const hasQueryBuilder = existsSync(queryFile);
  const lines = [`export { StudyRecord, buildStudySearchFields } from ${JSON.stringify(sharedEntry)};`];
  if (hasQueryBuilder) lines.push(`export { buildStudyQueryPlan, NO_FILTERS, STUDY_PAGE_SIZE } from ${JSON.stringify(queryFile)};`);
  const modules = await bundleAndImport(join(cacheDir, "viewer-search-modules.mjs"), {
    stdin: { contents: lines.join("\n"), resolveDir: root, loader: "ts" },
    plugins: [{ name: "shared-from-source", setup: (b) => b.onResolve({ filter: /^@pacs\/shared$/ }, () => ({ path: sharedEntry })) }],
  });
  return { ...modules, hasQueryBuilder };
}

/** The plan the study list runs for `text` typed in its search box. */
function buildPlan(modules, text) {
  if (modules.hasQueryBuilder) {
    return { plan: modules.buildStudyQueryPlan({ ...modules.NO_FILTERS, text }), pageSize: modules.STUDY_PAGE_SIZE, source: "apps/web/src/lib/study-query.ts" };
  }
  const plan = { where: [{ field: "searchTerms", op: "array-contains", value: text.toLowerCase() }], orderBy: [{ field: "updatedAt", direction: "desc" }] };
  return { plan, pageSize: FALLBACK_PAGE_SIZE, source: "fallback (study-query.ts missing): searchTerms array-contains, updatedAt desc" };
}

/** A StudyRecord for a seeded study, parsed by the shared schema so a drifting shape fails here. */
function buildRecord(modules, study, i) {
  const updatedAt = new Date(Date.UTC(2025, 0, 1) + i * 1000);
  const series = { StudyInstanceUID: study.StudyInstanceUID, SeriesInstanceUID: study.SeriesInstanceUID, Modality: study.Modality, SeriesNumber: 1, NumberOfSeriesRelatedInstances: 1 };
  const summary = {
    StudyInstanceUID: study.StudyInstanceUID,
    PatientID: study.PatientID,
    PatientName: study.PatientName,
    StudyDate: study.StudyDate,
    StudyTime: study.StudyTime,
    AccessionNumber: study.AccessionNumber,
    StudyDescription: study.StudyDescription,
    ModalitiesInStudy: [study.Modality],
    NumberOfStudyRelatedSeries: 1,
    NumberOfStudyRelatedInstances: 1,
    totalBytes: 1024,
  };
  return modules.StudyRecord.parse({ ...summary, ...modules.buildStudySearchFields(summary), series: [series], createdAt: updatedAt, updatedAt });
}

function openAdminFirestore(root, { ports, projectId }) {
  // The Admin SDK finds the emulator through this variable only; the bench's children do not use Firestore.
  process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${ports.firestore}`;
  const require = createRequire(join(root, "functions", "package.json"));
  const { initializeApp } = require("firebase-admin/app");
  const { getFirestore } = require("firebase-admin/firestore");
  const app = initializeApp({ projectId }, `bench-viewer-${Date.now()}`);
  return { db: getFirestore(app), close: () => app.delete() };
}

async function seedRecords({ db, modules, uid, uidRoot, count, log }) {
  const writer = db.bulkWriter();
  const collection = db.collection(`users/${uid}/studies`);
  const started = performance.now();
  for (let i = 0; i < count; i += 1) {
    const record = buildRecord(modules, describeSeedStudy(uidRoot, i), i);
    writer.set(collection.doc(record.StudyInstanceUID), record).catch(() => {});
    if ((i + 1) % 2000 === 0) log(`  ${i + 1}/${count} records queued`);
  }
  await writer.close();
  return (performance.now() - started) / 1000;
}

/** The plan as a Firestore REST structured query (what the client SDK sends, minus the channel). */
function buildStructuredQuery(plan, pageSize) {
  const ops = { "array-contains": "ARRAY_CONTAINS", "==": "EQUAL", ">=": "GREATER_THAN_OR_EQUAL", "<=": "LESS_THAN_OR_EQUAL" };
  const value = (v) => (typeof v === "boolean" ? { booleanValue: v } : { stringValue: v });
  const filters = plan.where.map((w) => ({ fieldFilter: { field: { fieldPath: w.field }, op: ops[w.op], value: value(w.value) } }));
  return {
    from: [{ collectionId: "studies" }],
    ...(filters.length ? { where: filters.length === 1 ? filters[0] : { compositeFilter: { op: "AND", filters } } } : {}),
    orderBy: plan.orderBy.map((o) => ({ field: { fieldPath: o.field }, direction: o.direction === "desc" ? "DESCENDING" : "ASCENDING" })),
    limit: pageSize,
  };
}

function expectPage(expected, what) {
  return (size) => {
    if (size !== expected) throw new Error(`${what} returned ${size} studies, expected ${expected}`);
  };
}

/**
 * Seeds `count` records for `user` and times `searches` runs of the study
 * list's query for the patient-name prefix, via the Admin SDK and via REST
 * as the user.
 */
export async function benchOurSearch({ root, cacheDir, emulators, user, uidRoot, count, searches, log }) {
  const modules = await loadSearchModules(root, cacheDir);
  const { plan, pageSize, source } = buildPlan(modules, SEARCH_PREFIX);
  const { db, close } = openAdminFirestore(root, emulators);
  try {
    log(`seeding ${count} study records for ${user.uid} with BulkWriter...`);
    const seedSeconds = await seedRecords({ db, modules, uid: user.uid, uidRoot, count, log });
    log(`  seeded in ${seedSeconds.toFixed(1)} s; timing "${SEARCH_PREFIX}" ${searches} times (plan from ${source})`);
    let query = db.collection(`users/${user.uid}/studies`);
    for (const w of plan.where) query = query.where(w.field, w.op, w.value);
    for (const o of plan.orderBy) query = query.orderBy(o.field, o.direction);
    query = query.limit(pageSize);
    const rows = Math.min(pageSize, countPrefixMatches(count));
    const expected = expectPage(rows, "Admin SDK search");
    const admin = await timeRepeated(searches, async () => (await query.get()).size, expected);

    const { ports, projectId } = emulators;
    const url = `http://127.0.0.1:${ports.firestore}/v1/projects/${projectId}/databases/(default)/documents/users/${user.uid}:runQuery`;
    const body = JSON.stringify({ structuredQuery: buildStructuredQuery(plan, pageSize) });
    const runQuery = async () => {
      const response = await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${user.idToken}`, "Content-Type": "application/json" }, body });
      const answer = await response.json();
      if (!response.ok) throw new Error(`Firestore runQuery as the user: HTTP ${response.status}: ${JSON.stringify(answer).slice(0, 300)}`);
      return answer.filter((row) => row.document).length;
    };
    const asUser = await timeRepeated(searches, runQuery, expectPage(rows, "REST search as the user"));
    return { studies: count + 1, seedSeconds, text: SEARCH_PREFIX, plan, pageSize, planSource: source, admin, asUser };
  } finally {
    await close();
  }
}
