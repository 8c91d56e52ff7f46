// Our study search at 10,000 studies: records seeded straight into the
// Firestore emulator with the Admin SDK, then the study list's own query
// (study-query.ts's plan and page) timed two ways: through the Admin SDK, and
// as the signed-in user over Firestore's REST API (rules applied), which is
// closer to what the browser pays. The emulator scans the collection where
// production walks the composite index, so the times are emulator figures;
// what carries over to production is counted: the reads per page, and the
// declared index serving the query (study-indexes.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { countPrefixMatches, describeSeedStudy, SEARCH_PREFIX } from "./viewer-studies.mjs";
import { bundleAndImport } from "./bundle.mjs";
import { timeRepeated } from "./viewer-stats.mjs";

/**
 * Bundles the shared schema and search-terms builder and the web app's query
 * builder and index check, from source (dist/ may be older than the tree).
 */
export async function loadSearchModules(root, cacheDir) {
  const lib = join(root, "apps", "web", "src", "lib");
  const sharedEntry = join(root, "packages", "shared", "src", "index.ts");
  const lines = [
    `export { StudyRecord, buildStudySearchFields } from ${JSON.stringify(sharedEntry)};`,
    `export { buildStudyPageQuery, buildStudyQueryPlan, isFullPage, NO_FILTERS } from ${JSON.stringify(join(lib, "study-query.ts"))};`,
    `export { checkStudyIndexes, describeIndex, findServingIndex } from ${JSON.stringify(join(lib, "study-indexes.ts"))};`,
  ];
  return bundleAndImport(join(cacheDir, "viewer-search-modules.mjs"), {
    stdin: { contents: lines.join("\n"), resolveDir: root, loader: "ts" },
    plugins: [{ name: "shared-from-source", setup: (b) => b.onResolve({ filter: /^@pacs\/shared$/ }, () => ({ path: sharedEntry })) }],
  });
}

/** The plan the study list runs for `text` typed in its search box, and its pages as the app asks for them. */
function buildPlan(modules, text) {
  const plan = modules.buildStudyQueryPlan({ ...modules.NO_FILTERS, text });
  return { plan, first: modules.buildStudyPageQuery(plan, 0), second: modules.buildStudyPageQuery(plan, 1), source: "apps/web/src/lib/study-query.ts" };
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

export function openAdminFirestore(root, { ports, projectId }) {
  // The Admin SDK finds the emulator through this variable only; the bench's children do not use Firestore.
  process.env.FIRESTORE_EMULATOR_HOST = `127.0.0.1:${ports.firestore}`;
  const require = createRequire(join(root, "functions", "package.json"));
  const { initializeApp } = require("firebase-admin/app");
  const { getFirestore } = require("firebase-admin/firestore");
  const app = initializeApp({ projectId }, `bench-viewer-${Date.now()}`);
  return { db: getFirestore(app), close: () => app.delete() };
}

export async function seedRecords({ db, modules, uid, uidRoot, count, log }) {
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

/** The Admin SDK query for one page: the plan, the page's limit, and for a later page the previous page's last row as a startAt cursor. */
function buildAdminPageQuery(db, uid, page, cursor) {
  let query = db.collection(`users/${uid}/studies`);
  for (const w of page.plan.where) query = query.where(w.field, w.op, w.value);
  for (const o of page.plan.orderBy) query = query.orderBy(o.field, o.direction);
  if (page.startAtPreviousLastRow) query = query.startAt(cursor);
  return query.limit(page.limit);
}

/**
 * Reads the first two pages as the study list does and counts what Firestore
 * bills: one read per document returned (at least one per query), plus the
 * extra queries the page runs: none (no count(); the cursor is the snapshot
 * of the last row, already in hand, so no lookup).
 */
async function countPageReads(db, uid, { first, second }, modules) {
  const one = await buildAdminPageQuery(db, uid, first).get();
  const two = await buildAdminPageQuery(db, uid, second, one.docs.at(-1)).get();
  const billed = (snapshot) => Math.max(1, snapshot.size);
  return {
    pageSize: first.limit,
    pages: [
      { documents: one.size, extraReads: 0, reads: billed(one), full: modules.isFullPage(first, one.size) },
      { documents: two.size, extraReads: 0, reads: billed(two), full: modules.isFullPage(second, two.size), startsAtPreviousLastRow: second.startAtPreviousLastRow },
    ],
  };
}

/** The index that serves the timed query in production, and the check of every query shape the study list can build. */
function checkIndexes(root, modules, plan) {
  const file = JSON.parse(readFileSync(join(root, "firestore.indexes.json"), "utf8"));
  const { required, servedBy } = modules.findServingIndex(file, plan);
  const report = modules.checkStudyIndexes(file);
  const composite = report.shapes.filter((s) => s.required.kind === "composite");
  return {
    required: modules.describeIndex(required),
    servedBy: servedBy ? modules.describeIndex(servedBy) : null,
    shapes: report.shapes.length,
    compositeShapes: composite.length,
    singleFieldShapes: report.shapes.length - composite.length,
    declaredStudyIndexes: new Set(composite.map((s) => s.servedBy).filter(Boolean)).size,
    missing: report.missing.map((s) => `${s.shape}: ${modules.describeIndex(s.required)}`),
    unused: report.unused.map(modules.describeIndex),
  };
}

/**
 * Seeds `count` records for `user` and times `searches` runs of the study
 * list's query for the patient-name prefix, via the Admin SDK and via REST
 * as the user (both on the emulator, which scans: latency is an emulator
 * figure), then counts the reads of its first two pages and names the
 * composite index that serves it in production. `otherStudies`: what the
 * user had before the seeding (bench:viewer's user has the CT).
 */
export async function benchOurSearch({ root, cacheDir, emulators, user, uidRoot, count, searches, log, otherStudies = 1 }) {
  const modules = await loadSearchModules(root, cacheDir);
  const pages = buildPlan(modules, SEARCH_PREFIX);
  const { plan, first, source } = pages;
  const pageSize = first.limit;
  const { db, close } = openAdminFirestore(root, emulators);
  try {
    log(`seeding ${count} study records for ${user.uid} with BulkWriter...`);
    const seedSeconds = await seedRecords({ db, modules, uid: user.uid, uidRoot, count, log });
    log(`  seeded in ${seedSeconds.toFixed(1)} s; timing "${SEARCH_PREFIX}" ${searches} times (plan from ${source})`);
    const query = buildAdminPageQuery(db, user.uid, first);
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
    const reads = await countPageReads(db, user.uid, pages, modules);
    const index = checkIndexes(root, modules, plan);
    return { studies: count + otherStudies, seedSeconds, text: SEARCH_PREFIX, plan, pageSize, planSource: source, admin, asUser, reads, index };
  } finally {
    await close();
  }
}
