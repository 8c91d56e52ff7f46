/**
 * From the study list to pixels: the user opens an uploaded study's page,
 * sees its series, opens it in the viewer, and OHIF draws the image it loads
 * through the app's short-lived manifest link and signed Storage URLs.
 */
import JSZip from "jszip";
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy, uniqueUID } from "../../functions/src/ingest/testing/build-study";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { watchCspViolations } from "../support/csp-watch";
import { webUrl } from "../support/emulators";
import { signInThroughAuthEmulator, uploadBatch } from "../support/ingest-client";
import { buildGradientCt, countShadesPerViewport, waitForShades } from "../support/viewer";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

it("finds a study by part of the given name, opens it in the viewer (whose app bundle the study page prefetched), shows the image, and switches the CT to MPR with three views, with no CSP violation on any page and no ticket in the URL the viewer gets", async () => {
  // Sign-in, study list, study page and viewer: any CSP violation a page or worker reports fails the test.
  const violations = await watchCspViolations(page);
  const { uid, email } = await signInAsNewVerifiedUser(page, "viewer", "/studies/");
  const study = uniqueUID();
  const series = uniqueUID();
  // A small volume: 20 slices 2 mm apart, enough for OHIF to reconstruct the other two planes.
  const slices = Array.from({ length: 20 }, (_, i) =>
    buildGradientCt([
      { tag: "0020000D", vr: "UI", value: study },
      { tag: "0020000E", vr: "UI", value: series },
      { tag: "00080018", vr: "UI", value: uniqueUID() },
      { tag: "00200013", vr: "IS", value: String(i + 1) },
      { tag: "00200032", vr: "DS", value: [-16, -16, i * 2] },
      { tag: "00180050", vr: "DS", value: "2" },
      { tag: "00100010", vr: "PN", value: "Viewer^Vera" },
    ]),
  );
  const otherPatient = buildStudy({ series: [{ instances: 1 }], patient: [{ tag: "00100010", vr: "PN", value: "Other^Otto" }] });
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [
    { relativePath: "ct.zip", bytes: await buildZip(Object.fromEntries(slices.map((bytes, i) => [`IM${i + 1}.dcm`, bytes]))) },
    { relativePath: "other.zip", bytes: await buildZip(Object.fromEntries(otherPatient.files.map((f) => [f.name, f.bytes]))) },
  ]);

  // Found by part of the given name ("Vera"), case-insensitively; the other patient drops out.
  await page.locator(`tr[data-study-uid="${otherPatient.studyInstanceUID}"]`).waitFor();
  await page.getByLabel("Search", { exact: true }).fill("VER");
  await page.locator(`tr[data-study-uid="${otherPatient.studyInstanceUID}"]`).waitFor({ state: "detached" });
  // The study page warms the viewer: OHIF's app bundle is fetched before "Open in viewer" is clicked.
  const prefetched = page.waitForRequest((request) => /\/ohif\/app\.bundle\.[0-9a-f]{16}\.js$/.test(request.url()), { timeout: 30_000 });
  await page.locator(`tr[data-study-uid="${study}"]`).getByRole("link", { name: "Viewer, Vera" }).click();
  await page.getByRole("heading", { name: "Viewer, Vera" }).waitFor();
  await page.locator(`tr[data-series-uid="${series}"] td.numeric`).getByText("20", { exact: true }).waitFor();

  expect(new URL((await prefetched).frame().url()).pathname).toBe("/study/");
  await page.getByRole("button", { name: "Open in viewer" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson"));
  await waitForShades(page, 16, 90_000);
  // The manifest loaded with the ticket from its cookie; the viewer's URL (which reaches Hosting's
  // request logs and the browser history) holds only the session id.
  const sessionCookies = (await page.context().cookies()).filter((cookie) => cookie.name === "__session");
  const session = sessionCookies.find((cookie) => cookie.path.startsWith("/api/"));
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Strict", path: expect.stringMatching(/^\/api\/viewer-manifests\/[A-Za-z0-9_-]{22}$/) });
  // The other is the store ticket for saving measurements (docs/viewer.md), scoped to the same session's DICOMweb root.
  const sid = session!.path.split("/").at(-1);
  expect(sessionCookies.filter((cookie) => cookie !== session)).toEqual([expect.objectContaining({ httpOnly: true, sameSite: "Strict", path: `/dicomweb/viewer-sessions/${sid}` })]);
  expect(session!.value.length).toBeGreaterThan(40);
  expect(decodeURIComponent(page.url())).not.toContain(session!.value);
  expect(decodeURIComponent(page.url())).not.toContain(session!.value.split(".")[1]);
  expect(decodeURIComponent(page.url())).toContain(session!.path);

  await page.locator('[data-cy="Layout"]').first().click();
  await page.locator('[data-cy="MPR"]').first().click();
  const deadline = Date.now() + 60_000;
  let shades: number[] = [];
  while (Date.now() < deadline) {
    shades = await countShadesPerViewport(page);
    if (shades.length === 3 && shades.every((count) => count > 8)) break;
    await page.waitForTimeout(500);
  }
  // Axial, sagittal and coronal: three viewports, each drawing the volume, not a blank canvas.
  expect(shades).toHaveLength(3);
  for (const count of shades) expect(count).toBeGreaterThan(8);
  expect(violations).toEqual([]);
});

it("downloads a study as a ZIP of its DICOM files from the study page", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(page, "zip-download", "/studies/");
  const study = uniqueUID();
  const series = uniqueUID();
  const slices = [0, 1].map((i) =>
    buildGradientCt([
      { tag: "0020000D", vr: "UI", value: study },
      { tag: "0020000E", vr: "UI", value: series },
      { tag: "00080018", vr: "UI", value: uniqueUID() },
      { tag: "00200013", vr: "IS", value: String(i + 1) },
    ]),
  );
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [
    { relativePath: "ct.zip", bytes: await buildZip(Object.fromEntries(slices.map((bytes, i) => [`IM${i + 1}.dcm`, bytes]))) },
  ]);
  await page.goto(webUrl(`/study/?uid=${study}`));
  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download (ZIP)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^PID-1_20240131_.*\.zip$/);
  const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
  expect(Object.keys(zip.files)).toHaveLength(2);
});
