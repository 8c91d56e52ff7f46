/**
 * Every image of the third-party corpus (../shared/dicom-samples; skipped
 * where absent, or without dcmtk and GDCM), ingested through the real
 * trigger and drawn by the real OHIF in Chromium, compared with the
 * independent rendering of the same frame (dcmtk, with GDCM for JPEG 2000).
 * Prints a table: file, transfer syntax, photometric interpretation, frames,
 * result.
 */
import { readFileSync } from "node:fs";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { launchBrowser, LAPTOP, newIsolatedPage } from "../support/browser";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { listCorpusImages, listCorpusObjects, samplesPresent, samplesRoot, splitIntoRounds } from "../support/corpus-files";
import { watchCspViolations } from "../support/csp-watch";
import { webUrl } from "../support/emulators";
import { createUploader, signInThroughAuthEmulator, uploadBatch } from "../support/ingest-client";
import { hasDcmtk, renderReferences } from "../support/reference-render";
import { cutToInstance, fetchManifest, printViewTable, startManifestServer, viewAndCompare, type ViewRow } from "../support/viewer-check";

const enabled = samplesPresent && hasDcmtk();

(enabled ? it : it.skip)(`draws every image of ${samplesRoot} in OHIF as dcmtk and GDCM render it`, async () => {
  // PACS_CORPUS_FILTER (a regular expression on the file's path) narrows the run while looking at a failure.
  const filter = new RegExp(process.env.PACS_CORPUS_FILTER ?? "");
  const images = listCorpusImages().filter((image) => filter.test(image.name));
  const rows: ViewRow[] = [];
  const manifests = await startManifestServer();
  const browser = await launchBrowser();
  try {
    const page = await newIsolatedPage(browser, LAPTOP);
    const violations = await watchCspViolations(page);
    // One account per round: the archive keeps one copy per SOP Instance UID and owner.
    for (const [round, roundImages] of splitIntoRounds(images).entries()) {
      const user = await createUploader(`corpus-viewer-${round}`);
      const zip = await buildZip(Object.fromEntries(roundImages.map((image) => [image.name, readFileSync(image.file)])));
      await uploadBatch(user, [{ relativePath: `corpus-${round}.zip`, bytes: zip }]);
      const studyManifests = new Map<string, any>();
      for (const { file, name, instance } of roundImages) {
        const studyUID = instance.StudyInstanceUID;
        if (!studyManifests.has(studyUID)) studyManifests.set(studyUID, await fetchManifest(user, studyUID));
        const single = cutToInstance(studyManifests.get(studyUID), instance.SOPInstanceUID);
        const monochrome = instance.PhotometricInterpretation?.startsWith("MONOCHROME") ?? false;
        const referenceFor = (frame: number) => renderReferences(file, frame, monochrome && instance.WindowCenter !== undefined);
        const verdict = single
          ? await viewAndCompare(page, manifests.put(single), instance, referenceFor)
          : { text: "not in the study's manifest", ok: false };
        rows.push({ name, transferSyntax: instance.TransferSyntaxUID, photometric: instance.PhotometricInterpretation ?? "", frames: instance.NumberOfFrames ?? 1, verdict });
      }
    }
    printViewTable("corpus viewer", rows);
    expect(violations).toEqual([]);
    const failed = rows.filter((r) => !r.verdict.ok);
    expect(failed.map((r) => `${r.name}: ${r.verdict.text}`)).toEqual([]);
    expect(rows.length).toBe(images.length);
  } finally {
    await browser.close();
    await manifests.close();
  }
}, 45 * 60_000);

(enabled ? it : it.skip)(`keeps out of the viewer only the images of ${samplesRoot} that no independent decoder draws either`, () => {
  const { undrawable } = listCorpusObjects();
  const drawnByTools = undrawable.filter(({ file }) => {
    try {
      renderReferences(file, 1, false);
      return true;
    } catch {
      return false;
    }
  });
  for (const { name, undrawable: reason } of undrawable) console.log(`corpus image not viewed: ${name}: ${reason}`);
  expect(drawnByTools.map(({ name, undrawable: reason }) => `${name} (${reason})`)).toEqual([]);
});

(samplesPresent ? it : it.skip)(`shows every non-image object and every image it cannot draw of ${samplesRoot} in a panel of its own, with a download`, async () => {
  const { nonImages: nonImageObjects, undrawable } = listCorpusObjects();
  const nonImages = [...nonImageObjects, ...undrawable];
  const browser = await launchBrowser();
  const missing: string[] = [];
  try {
    for (const [round, objects] of splitIntoRounds(nonImages).entries()) {
      const page = await newIsolatedPage(browser, LAPTOP);
      const { uid, email } = await signInAsNewVerifiedUser(page, `corpus-objects-${round}`, "/studies/");
      const zip = await buildZip(Object.fromEntries(objects.map((object) => [object.name, readFileSync(object.file)])));
      await uploadBatch(await signInThroughAuthEmulator(uid, email), [{ relativePath: `objects-${round}.zip`, bytes: zip }]);
      for (const { name, instance } of objects) {
        await page.goto(webUrl(`/study/?uid=${instance.StudyInstanceUID}`));
        const panel = page.locator(`li[data-series-uid="${instance.SeriesInstanceUID}"]`);
        const shown = await panel.getByRole("button", { name: /^Download/ }).waitFor({ timeout: 20_000 }).then(() => true, () => false);
        const label = shown ? await panel.getByRole("heading").innerText() : "";
        console.log(`corpus object: ${name} (${instance.Modality}, ${instance.SOPClassUID}): ${shown ? `panel "${label}"` : "NO PANEL"}`);
        if (!shown) missing.push(name);
      }
      await page.context().close();
    }
  } finally {
    await browser.close();
  }
  expect(missing).toEqual([]);
  expect(nonImages.length).toBeGreaterThan(0);
}, 20 * 60_000);
