/**
 * Uploading from the browser: a ZIP of a two-series CT study goes through the
 * upload page (checks, progress, server processing, summary) and shows up in
 * the study list with the right counts; files that cannot go are refused
 * before any byte is sent, each with its reason.
 */
import JSZip from "jszip";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Page } from "playwright-core";
import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA } from "../../functions/src/ingest/testing/build-dicom";
import { listUploadBatchIds, setServerOwnedProfileFields, signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, TABLET_PORTRAIT, useFreshPagePerTest } from "../support/browser";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});
const scratchFolders: string[] = [];
afterEach(() => {
  for (const folder of scratchFolders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A CT study of `series` × `instances` images with UIDs unique to this run, as files by path. */
function buildStudyFiles(series: number, instances: number, folder: string): { files: Map<string, Uint8Array>; studyUID: string } {
  const root = `1.2.826.0.1.3680043.10.99.${Date.now()}`;
  const studyUID = `${root}.1`;
  const files = new Map<string, Uint8Array>();
  for (let s = 1; s <= series; s += 1) {
    for (let i = 1; i <= instances; i += 1) {
      const elements = buildCtElements([
        { tag: "0020000D", vr: "UI", value: studyUID },
        { tag: "0020000E", vr: "UI", value: `${root}.2.${s}` },
        { tag: "00080018", vr: "UI", value: `${root}.3.${s}.${i}` },
        { tag: "00200011", vr: "IS", value: String(s) },
        { tag: "00200013", vr: "IS", value: String(i) },
      ]);
      files.set(`${folder}/SERIES${s}/IM${String(i).padStart(4, "0")}`, buildDicomFile(elements, { pixelData: TINY_PIXEL_DATA }));
    }
  }
  return { files, studyUID };
}

/** The same study zipped, as a PACS export would be. */
async function buildStudyZip(series: number, instances: number): Promise<{ zip: Buffer; studyUID: string }> {
  const { files, studyUID } = buildStudyFiles(series, instances, "EXPORT");
  const zip = new JSZip();
  for (const [path, bytes] of files) zip.file(`${path}.dcm`, bytes);
  return { zip: await zip.generateAsync({ type: "nodebuffer" }), studyUID };
}

/** Drops files on the drop zone as a drag from the desktop would (a DataTransfer made in the page). */
async function dropFiles(files: { name: string; bytes: number[] }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const transfer = new DataTransfer();
    for (const file of list) transfer.items.add(new File([new Uint8Array(file.bytes)], file.name));
    return transfer;
  }, files);
  await page.getByTestId("drop-zone").dispatchEvent("drop", { dataTransfer });
}

/** Records every call to the API, to show that nothing was announced. */
function recordApiCalls(): string[] {
  const calls: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith("/api/")) calls.push(`${request.method()} ${url.pathname}`);
  });
  return calls;
}

const cell = (row: ReturnType<Page["locator"]>, column: string) => row.locator(`[data-column="${column}"]`).textContent();

it("uploads a zipped two-series study, follows it to the summary and finds it in the study list", async () => {
  await signInAsNewVerifiedUser(page, "uploader", "/upload/");
  const { zip, studyUID } = await buildStudyZip(2, 3);

  await page.getByRole("link", { name: "Upload", exact: true }).waitFor();
  await page.getByLabel("Choose files").setInputFiles({ name: "ct-study.zip", mimeType: "application/zip", buffer: zip });
  await page.getByTestId("selection-summary").getByText(/^1 file \(.+\) will be uploaded\.$/).waitFor();
  await page.getByRole("button", { name: "Upload 1 file" }).click();

  // The bytes go up, then the server's processing ends in the summary.
  await page.locator('[role="progressbar"][aria-label="Upload progress"][aria-valuenow="100"]').waitFor();
  await page.getByTestId("upload-counts").getByText("1 of 1 file uploaded", { exact: false }).waitFor();
  await page.getByRole("heading", { name: "Upload complete" }).waitFor({ timeout: 120_000 });
  expect(await page.getByTestId("count-stored").textContent()).toBe("6");
  expect(await page.getByTestId("count-failed").textContent()).toBe("0");
  expect(new URL(page.url()).searchParams.get("batch")).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

  const studyLink = page.locator(`a[data-study-uid="${studyUID}"]`);
  await studyLink.getByText("Doe, Jane · CT HEAD · 2024-01-31 · 2 series, 6 images").waitFor();
  await studyLink.click();

  await page.waitForURL((url) => url.pathname === "/studies/" && url.searchParams.get("study") === studyUID);
  const row = page.locator(`tr[data-study-uid="${studyUID}"]`);
  await row.waitFor();
  expect(await row.getAttribute("aria-current")).toBe("true");
  expect(await cell(row, "patient-name")).toBe("Doe, Jane");
  expect(await cell(row, "patient-id")).toBe("PID-1");
  expect(await cell(row, "birth-date")).toBe("1970-01-01");
  expect(await cell(row, "study-date")).toBe("2024-01-31");
  expect(await cell(row, "modalities")).toBe("CT");
  expect(await cell(row, "series")).toBe("2");
  expect(await cell(row, "instances")).toBe("6");

  // On a tablet held upright the table scrolls inside its box; the page itself does not scroll sideways.
  await page.setViewportSize(TABLET_PORTRAIT);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(await row.locator('[data-column="patient-name"]').isVisible()).toBe(true);
});

it("refuses an empty file before sending anything, says why, and lists system files as left out", async () => {
  const { uid } = await signInAsNewVerifiedUser(page, "empty-file", "/upload/");
  const apiCalls = recordApiCalls();

  await dropFiles([
    { name: "empty.dcm", bytes: [] },
    { name: ".DS_Store", bytes: [...Buffer.from("Bud1")] },
  ]);
  const refused = page.getByRole("table", { name: "Files that cannot be uploaded" });
  await refused.getByRole("row", { name: /empty\.dcm/ }).getByText("Empty file (0 bytes)", { exact: false }).waitFor();
  await page.getByText("1 system file left out", { exact: false }).waitFor();
  expect(await page.getByRole("button", { name: "Upload 0 files" }).isDisabled()).toBe(true);

  expect(apiCalls).toEqual([]);
  expect(await listUploadBatchIds(uid)).toEqual([]);
});

it("refuses a batch larger than the free storage, saying how much is free", async () => {
  const { uid } = await signInAsNewVerifiedUser(page, "full-quota", "/upload/");
  await setServerOwnedProfileFields(uid, { quotaBytes: 10_000, usedBytes: 9_000 });
  await page.getByTestId("storage-usage").getByText("9 kB of 10 kB used").waitFor();
  const apiCalls = recordApiCalls();

  await page.getByLabel("Choose files").setInputFiles({ name: "IM0001.dcm", mimeType: "application/dicom", buffer: Buffer.alloc(5_000, 1) });
  await page
    .getByRole("alert")
    .getByText("These files need 5 kB, but only 1 kB of your 10 kB storage is free (9 kB used). Choose fewer files.")
    .waitFor();
  expect(await page.getByRole("button", { name: "Upload 1 file" }).isDisabled()).toBe(true);
  expect(apiCalls).toEqual([]);
  expect(await listUploadBatchIds(uid)).toEqual([]);
});

it("uploads a chosen folder, keeping its paths, and reports the system file it left out", async () => {
  await signInAsNewVerifiedUser(page, "folder", "/upload/");
  const { files, studyUID } = buildStudyFiles(1, 3, "CD");
  // The browser reads chosen files from disk while it uploads them, so the folder stays until the test ends.
  const folder = mkdtempSync(join(tmpdir(), "pacs-upload-"));
  scratchFolders.push(folder);
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), bytes);
  }
  writeFileSync(join(folder, "CD", ".DS_Store"), "Bud1");
  await page.getByLabel("Choose folder").setInputFiles(join(folder, "CD"));
  await page.getByTestId("selection-summary").getByText(/^3 files \(.+\) will be uploaded\.$/).waitFor();
  await page.getByText("1 system file left out", { exact: false }).waitFor();
  await page.getByRole("button", { name: "Upload 3 files" }).click();

  await page.getByRole("heading", { name: "Upload complete" }).waitFor({ timeout: 120_000 });
  expect(await page.getByTestId("count-stored").textContent()).toBe("3");
  const notUploaded = page.getByRole("table", { name: "Files not uploaded" });
  await notUploaded.getByRole("row", { name: /CD\/\.DS_Store/ }).getByText("Left out", { exact: false }).waitFor();
  await page.locator(`a[data-study-uid="${studyUID}"]`).getByText("1 series, 3 images", { exact: false }).waitFor();
});

it("uploads four files at a time, pauses and resumes, and cancels (even while paused) only after asking", async () => {
  await signInAsNewVerifiedUser(page, "canceller", "/upload/");
  // Storage never answers, so the files stay in flight until they are cancelled.
  await page.route(/\/v0\/b\//, () => {});
  const files = Array.from({ length: 6 }, (_, i) => ({ name: `IM${i + 1}.dcm`, mimeType: "application/dicom", buffer: Buffer.alloc(100, i + 1) }));
  await page.getByLabel("Choose files").setInputFiles(files);
  await page.getByRole("button", { name: "Upload 6 files" }).click();

  await page.getByRole("heading", { name: "Uploading" }).waitFor();
  const inFlight = page.getByRole("list", { name: "Files in progress" }).getByRole("listitem");
  await inFlight.nth(3).waitFor();
  expect(await inFlight.count()).toBe(4);
  await page.getByTestId("upload-counts").getByText("0 of 6 files uploaded (0 B of 600 B) · 2 waiting").waitFor();

  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("heading", { name: "Upload paused" }).waitFor();
  await page.getByRole("button", { name: "Resume" }).click();
  await page.getByRole("heading", { name: "Uploading" }).waitFor();

  await page.getByRole("button", { name: "Cancel upload" }).click();
  const dialog = page.getByRole("dialog", { name: "Cancel this upload?" });
  await dialog.getByText("6 files not yet uploaded will be left out.", { exact: false }).waitFor();
  await dialog.getByRole("button", { name: "Keep uploading" }).click();
  await dialog.waitFor({ state: "hidden" });
  await page.getByRole("heading", { name: "Uploading" }).waitFor();

  // A paused upload can be cancelled too.
  await page.getByRole("button", { name: "Pause" }).click();
  await page.getByRole("heading", { name: "Upload paused" }).waitFor();

  await page.getByRole("button", { name: "Cancel upload" }).click();
  await dialog.getByRole("button", { name: "Cancel upload" }).click();
  await page.getByRole("heading", { name: "Upload cancelled" }).waitFor();
  await page.getByRole("heading", { name: "Upload complete" }).waitFor({ timeout: 60_000 });
  expect(await page.getByTestId("count-stored").textContent()).toBe("0");
  const notUploaded = page.getByRole("table", { name: "Files not uploaded" });
  expect(await notUploaded.getByText("Cancelled before it was uploaded.").count()).toBe(6);
});

it("sends a file again after Storage failed it, and stores it", async () => {
  await signInAsNewVerifiedUser(page, "retrier", "/upload/");
  const { zip } = await buildStudyZip(1, 2);
  // The first attempt is answered with an error the SDK does not retry itself; later ones go through.
  let attempts = 0;
  await page.route(/\/v0\/b\//, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    attempts += 1;
    if (attempts === 1) return route.fulfill({ status: 400, contentType: "application/json", body: '{"error":{"code":400,"message":"flaky"}}' });
    return route.continue();
  });
  await page.getByLabel("Choose files").setInputFiles({ name: "ct-study.zip", mimeType: "application/zip", buffer: zip });
  await page.getByRole("button", { name: "Upload 1 file" }).click();

  await page.getByRole("heading", { name: "Upload complete" }).waitFor({ timeout: 120_000 });
  expect(await page.getByTestId("count-stored").textContent()).toBe("2");
  expect(attempts).toBe(2);
  expect(await page.getByRole("table", { name: "Files not uploaded" }).count()).toBe(0);
});
