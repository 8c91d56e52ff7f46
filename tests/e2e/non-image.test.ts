/**
 * Studies that hold no images: the study page says what each object is and
 * offers its download, offers the viewer only when something can be shown,
 * and the viewer shows an encapsulated PDF as a document, not a black viewport.
 */
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildCtElements, buildDicomFile, type DicomElementSpec } from "../../functions/src/ingest/testing/build-dicom";
import { uniqueUID } from "../../functions/src/ingest/testing/build-study";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { TABLET_PORTRAIT, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";
import { signInThroughAuthEmulator, uploadBatch } from "../support/ingest-client";
import { buildBasicTextSr } from "../support/sr-fixture";

const currentPage = useFreshPagePerTest(TABLET_PORTRAIT);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** A one-page PDF with a line of text. */
const PDF = new TextEncoder().encode(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

/** A header-only object of the given class: the CT fixture's patient and study, without the image modules. */
function buildObject(study: string, sopClass: string, modality: string, extra: DicomElementSpec[] = []): { bytes: Uint8Array; series: string } {
  const series = uniqueUID();
  const elements = buildCtElements([
    { tag: "0020000D", vr: "UI", value: study },
    { tag: "0020000E", vr: "UI", value: series },
    { tag: "00080018", vr: "UI", value: uniqueUID() },
    { tag: "00080016", vr: "UI", value: sopClass },
    { tag: "00080060", vr: "CS", value: modality },
    { tag: "0008103E", vr: "LO", value: `${modality} object` },
    { tag: "00100010", vr: "PN", value: "Objects^Olga" },
    ...extra,
  ]).filter((e) => !e.tag.startsWith("0028") && !["00200032", "00200037", "00180050", "00201041"].includes(e.tag));
  return { bytes: buildDicomFile(elements), series };
}

it("lists an RT structure set and an ECG with what they are and a download, and says why there is no viewer", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(page, "nonimage", "/studies/");
  const study = uniqueUID();
  const rt = buildObject(study, "1.2.840.10008.5.1.4.1.1.481.3", "RTSTRUCT");
  const ecg = buildObject(study, "1.2.840.10008.5.1.4.1.1.9.1.1", "ECG");
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [
    { relativePath: "objects.zip", bytes: await buildZip({ "RT.dcm": rt.bytes, "ECG.dcm": ecg.bytes }) },
  ]);
  await page.goto(webUrl(`/study/?uid=${study}`));
  const rtPanel = page.locator(`li[data-series-uid="${rt.series}"]`);
  await rtPanel.getByRole("heading", { name: "RT structure set (contours)" }).waitFor();
  await page.locator(`li[data-series-uid="${ecg.series}"]`).getByRole("heading", { name: "Waveform: 12-lead ECG" }).waitFor();
  await page.getByRole("note").getByText("Nothing in this study can be shown in the viewer").waitFor();
  expect(await page.getByRole("button", { name: "Open in viewer" }).count()).toBe(0);
  // At tablet width the panels fit the page: nothing scrolls sideways.
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  const downloading = page.waitForEvent("download");
  await rtPanel.getByRole("button", { name: "Download" }).click();
  const download = await downloading;
  // The signed URL asks Storage to save it under a name that says what it is; production honours
  // response-content-disposition, the Storage emulator ignores it and names the file by its path.
  const disposition = new URL(download.url()).searchParams.get("response-content-disposition") ?? "";
  expect(disposition).toMatch(/^attachment; filename="RTSTRUCT_.*\.dcm"$/);
  expect(download.suggestedFilename()).toMatch(/\.dcm$/);
  expect(Buffer.from(readFileSync((await download.path())!))).toEqual(Buffer.from(rt.bytes));
});

it("opens an encapsulated PDF in the viewer as a document", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(page, "pdf", "/studies/");
  const study = uniqueUID();
  const pdf = buildObject(study, "1.2.840.10008.5.1.4.1.1.104.1", "DOC", [
    { tag: "00420011", vr: "OB", value: PDF.length % 2 ? new Uint8Array([...PDF, 0]) : PDF },
    { tag: "00420012", vr: "LO", value: "application/pdf" },
  ]);
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [{ relativePath: "doc.dcm", bytes: pdf.bytes }]);
  await page.goto(webUrl(`/study/?uid=${study}`));
  await page.locator(`li[data-series-uid="${pdf.series}"]`).getByRole("heading", { name: "PDF document" }).waitFor();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.getByRole("button", { name: "Open in viewer" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson"));
  const object = page.locator('object[type="application/pdf"]');
  await object.waitFor({ state: "attached", timeout: 90_000 });
  const deadline = Date.now() + 30_000;
  let data = "";
  while (Date.now() < deadline && !data) {
    data = (await object.getAttribute("data")) ?? "";
    if (!data) await page.waitForTimeout(250);
  }
  // The signed link to the PDF extracted at ingest, which serves the document itself.
  expect(data).toMatch(/\.pdf\?/);
  const served = await fetch(data);
  expect(served.headers.get("content-type")).toBe("application/pdf");
  expect(Buffer.from(await served.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
  expect(violations).toEqual([]);
});

it("shows a structured report's text in the viewer's SR display, not a black viewport", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(page, "sr", "/studies/");
  const study = uniqueUID();
  const finding = "No acute intracranial abnormality";
  const sr = buildBasicTextSr(study, finding);
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [{ relativePath: "report.dcm", bytes: sr.bytes }]);
  await page.goto(webUrl(`/study/?uid=${study}`));
  await page.locator(`li[data-series-uid="${sr.series}"]`).getByRole("heading", { name: /Structured report/ }).waitFor();
  await page.getByRole("button", { name: "Open in viewer" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson"));
  // OHIF's SR viewport writes the content tree out as text: the finding, under its concept name.
  await page.getByText(finding).first().waitFor({ timeout: 90_000 });
  await expect(page.getByText("Finding").first().isVisible()).resolves.toBe(true);
});
