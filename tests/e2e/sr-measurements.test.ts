/**
 * Measurements persist: a length drawn in the embedded OHIF is saved as a
 * DICOM SR through STOW-RS (the viewer session's own DICOMweb root, with its
 * HttpOnly cookie), becomes an instance of the study in the archive, and is
 * shown again when the study is opened again. Images still come from signed
 * Storage URLs, never through the DICOMweb function.
 */
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { watchCspViolations } from "../support/csp-watch";
import { webUrl } from "../support/emulators";
import { readStudy, readStudyInstances, signInThroughAuthEmulator, uploadBatch } from "../support/ingest-client";
import { buildGradientStudyZip, waitForShades } from "../support/viewer";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** SR storage SOP classes (PS3.4 B.5): 1.2.840.10008.5.1.4.1.1.88.xx. */
const SR_CLASS = /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.88\.\d+$/;
const REPORT_NAME = "Follow-up lengths";

const debugDir = process.env.PACS_VIEWER_DEBUG_DIR;
async function snap(name: string): Promise<void> {
  if (!debugDir) return;
  mkdirSync(debugDir, { recursive: true });
  await page.screenshot({ path: `${debugDir}/sr-${name}.png` });
}

async function openViewerFromStudyPage(study: string): Promise<void> {
  await page.goto(webUrl(`/study/?uid=${study}`));
  await page.getByRole("button", { name: "Open in viewer" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson"));
}

/** Drags a line across the middle of the first viewport with the Length tool. */
async function drawLength(): Promise<void> {
  await page.locator('[data-cy="Length"], [data-cy="MeasurementTools-split-button-primary"]').first().click();
  const box = (await page.locator("canvas.cornerstone-canvas").first().boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x - 80, y - 40);
  await page.mouse.down();
  for (let step = 1; step <= 10; step += 1) await page.mouse.move(x - 80 + step * 16, y - 40 + step * 8);
  await page.mouse.up();
}

/** The length label the viewport's annotation layer shows ("8.06 mm"). */
async function readLengthLabel(): Promise<string> {
  const label = page.locator("svg text").filter({ hasText: /\d+(\.\d+)? mm/ }).first();
  await label.waitFor({ timeout: 15_000 });
  const length = /\d+(\.\d+)? mm/.exec((await label.textContent()) ?? "")?.[0];
  if (!length) throw new Error("the drawn length has no label in mm");
  return length;
}

it("saves a length drawn in the viewer as an SR through STOW-RS, and shows it again when the study is reopened", async () => {
  const violations = await watchCspViolations(page);
  const { uid, email } = await signInAsNewVerifiedUser(page, "sr-measure", "/studies/");
  const { study, zip } = await buildGradientStudyZip("Measured^Mia", 1);
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [{ relativePath: "ct.zip", bytes: zip }]);
  const imageRequests: string[] = [];
  page.on("request", (request) => {
    if (request.resourceType() !== "document" && /\/dicomweb\//.test(request.url())) imageRequests.push(`${request.method()} ${request.url()}`);
  });

  await openViewerFromStudyPage(study);
  await waitForShades(page, 16, 90_000);
  await snap("1-open");
  await drawLength();
  await snap("2-drawn");
  // The longitudinal mode asks whether to track measurements for this series.
  await page.getByRole("button", { name: "Yes" }).click({ timeout: 15_000 });
  await snap("3-tracked");
  const drawnLength = await readLengthLabel();
  // The measurements panel (collapsed at this width) has the report's "Create SR".
  const createSr = page.getByRole("button", { name: "Create SR" });
  if (!(await createSr.isVisible())) await page.locator('[data-cy="trackedMeasurements-btn"]').first().click();
  await createSr.click({ timeout: 15_000 });
  await page.getByPlaceholder("Report name").fill(REPORT_NAME);
  await snap("4-dialog");
  const stored = page.waitForResponse((response) => response.request().method() === "POST" && response.url().includes("/dicomweb/viewer-sessions/"), { timeout: 60_000 });
  await page.getByRole("button", { name: "Save" }).click();
  const stow = await stored;
  await snap("5-saved");
  // STOW-RS answered with its Store Instances Response: the report was stored.
  expect(`${stow.status()} ${await stow.text()}`).toMatch(/^200 /);
  // Only the save went to the DICOMweb function: the image came from Storage.
  expect(imageRequests).toEqual([expect.stringMatching(/^POST .*\/dicomweb\/viewer-sessions\/[A-Za-z0-9_-]{22}\/studies$/)]);

  // The archive holds the report as an instance of the study: an SR storage class, in a series of its own named as saved.
  const reports = (await readStudyInstances(uid, study)).filter((instance) => SR_CLASS.test(instance.metadata.SOPClassUID));
  expect(reports).toHaveLength(1);
  const record = await readStudy(uid, study);
  const reportSeries = record!.series.find((series) => series.SeriesInstanceUID === reports[0]!.metadata.SeriesInstanceUID);
  expect(reportSeries).toMatchObject({ Modality: "SR", SeriesDescription: REPORT_NAME, NumberOfSeriesRelatedInstances: 1 });
  expect(record!.series).toHaveLength(2);

  // Opened again: the SR series is in the study panel, and the measurement is drawn over the image again.
  await openViewerFromStudyPage(study);
  await waitForShades(page, 16, 90_000);
  await page.getByText(REPORT_NAME).first().waitFor({ timeout: 60_000 });
  await snap("6-reopened");
  await page.getByText(REPORT_NAME).first().dblclick();
  await snap("7-sr-opened");
  // The SR viewport draws the saved length over its image, with the label it had when drawn.
  await page.locator("svg text").filter({ hasText: drawnLength }).first().waitFor({ timeout: 60_000 });
  await snap("8-measurement");
  expect(violations).toEqual([]);
});
