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
import { listCorpusImages, samplesPresent, samplesRoot, splitIntoRounds } from "../support/corpus-files";
import { watchCspViolations } from "../support/csp-watch";
import { createUploader, uploadBatch } from "../support/ingest-client";
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
    expect(rows.filter((r) => !r.verdict.ok).map((r) => `${r.name}: ${r.verdict.text}`)).toEqual([]);
    expect(rows.length).toBe(images.length);
  } finally {
    await browser.close();
    await manifests.close();
  }
}, 45 * 60_000);
