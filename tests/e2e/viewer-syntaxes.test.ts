/**
 * The viewer draws every transfer syntax and photometric interpretation the
 * archive accepts, from generated files (so this runs without ../shared):
 * each is uploaded through the real trigger, opened alone in the real OHIF,
 * and compared with the picture its source samples make. Multi-frame files
 * are stepped to frame 2. No page or codec worker may report a CSP violation.
 */
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { launchBrowser, LAPTOP, newIsolatedPage } from "../support/browser";
import { watchCspViolations } from "../support/csp-watch";
import { createUploader, readStudyInstances, uploadBatch } from "../support/ingest-client";
import { buildSyntaxFixtures } from "../support/syntax-fixtures";
import { cutToInstance, fetchManifest, printViewTable, startManifestServer, viewAndCompare, type ViewRow } from "../support/viewer-check";

it("draws each transfer syntax and photometric interpretation as its source samples look", async () => {
  const fixtures = await buildSyntaxFixtures();
  const user = await createUploader("viewer-syntaxes");
  const { batch } = await uploadBatch(user, [
    { relativePath: "syntaxes.zip", bytes: await buildZip(Object.fromEntries(fixtures.map((f, i) => [`${i}.dcm`, f.bytes]))) },
  ]);
  expect(batch.problems).toEqual([]);
  expect(batch.counts.stored).toBe(fixtures.length);

  const rows: ViewRow[] = [];
  const manifests = await startManifestServer();
  const browser = await launchBrowser();
  try {
    const page = await newIsolatedPage(browser, LAPTOP);
    const violations = await watchCspViolations(page);
    for (const fixture of fixtures) {
      const [stored] = await readStudyInstances(user.uid, fixture.studyInstanceUID);
      const single = cutToInstance(await fetchManifest(user, fixture.studyInstanceUID), fixture.sopInstanceUID);
      const verdict = await viewAndCompare(page, manifests.put(single), stored!.metadata, (frame) => [{ raster: fixture.expected(frame), decoder: "source samples" }]);
      rows.push({ name: fixture.name, transferSyntax: fixture.transferSyntaxUID, photometric: fixture.photometric, frames: fixture.frames, verdict });
    }
    printViewTable("generated syntaxes in the viewer", rows);
    expect(violations).toEqual([]);
    expect(rows.filter((r) => !r.verdict.ok).map((r) => `${r.name}: ${r.verdict.text}`)).toEqual([]);
  } finally {
    await browser.close();
    await manifests.close();
  }
}, 20 * 60_000);
