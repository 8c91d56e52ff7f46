/**
 * De-identified sharing in real browsers (docs/deidentification.md): the
 * owner shares a study de-identified as "Case 12" through the dialog and
 * follows its copy on Shared links until it is ready; a signed-out recipient
 * in another browser sees the image in OHIF under the pseudonym, never the
 * patient's name, and downloads a ZIP of de-identified files. From the study
 * page, "Download de-identified (ZIP)" leaves an ultrasound series out until
 * the owner acknowledges it may carry burned-in text.
 */
import { readFileSync } from "node:fs";
import * as dicomParser from "dicom-parser";
import JSZip from "jszip";
import type { Download, Page } from "playwright-core";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { uniqueUID } from "../../functions/src/ingest/testing/build-study";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, newIsolatedPage, TABLET_PORTRAIT, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";
import { signInThroughAuthEmulator, uploadBatch } from "../support/ingest-client";
import { buildGradientCt, waitForShades } from "../support/viewer";

/** The patient's identifiers in every file of the study (buildGradientCt's CT defaults and ours). */
const PATIENT_NAME = "Identifiable^Ida";
const IDENTIFIERS = [PATIENT_NAME, "Identifiable, Ida", "PID-1", "ACC123", "Referrer^Rita"];
const PSEUDONYM = "Case 12";
const US_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.6.1";

const currentPage = useFreshPagePerTest(LAPTOP);
let owner: Page;
beforeEach(() => {
  owner = currentPage();
});

/** A study of `ct` gradient CT slices, and `us` ultrasound images in a second series; its UID and the ZIP to upload. */
async function buildStudyZip({ ct, us }: { ct: number; us: number }): Promise<{ study: string; zip: Uint8Array }> {
  const study = uniqueUID();
  const series = [uniqueUID(), uniqueUID()];
  const slice = (seriesIndex: number, number: number, extra: Parameters<typeof buildGradientCt>[0] = []) =>
    buildGradientCt([
      { tag: "0020000D", vr: "UI", value: study },
      { tag: "0020000E", vr: "UI", value: series[seriesIndex]! },
      { tag: "00080018", vr: "UI", value: uniqueUID() },
      { tag: "00200011", vr: "IS", value: String(seriesIndex + 1) },
      { tag: "00200013", vr: "IS", value: String(number) },
      { tag: "00100010", vr: "PN", value: PATIENT_NAME },
      ...extra,
    ]);
  const files: Record<string, Uint8Array> = {};
  for (let i = 1; i <= ct; i += 1) files[`CT${i}.dcm`] = slice(0, i);
  const ultrasound = [
    { tag: "00080016", vr: "UI", value: US_IMAGE_STORAGE },
    { tag: "00080060", vr: "CS", value: "US" },
    { tag: "0008103E", vr: "LO", value: "Abdomen sweep" },
  ] as const;
  for (let i = 1; i <= us; i += 1) files[`US${i}.dcm`] = slice(1, i, [...ultrasound]);
  return { study, zip: await buildZip(files) };
}

async function uploadStudy(uid: string, email: string, counts: { ct: number; us: number }): Promise<string> {
  const { study, zip } = await buildStudyZip(counts);
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [{ relativePath: "study.zip", bytes: zip }]);
  return study;
}

/** The DICOM files of a downloaded ZIP, each with the attributes this test reads. */
async function readDownloadedFiles(download: Download) {
  const zip = await JSZip.loadAsync(readFileSync((await download.path())!));
  const names = Object.keys(zip.files).filter((name) => !zip.files[name]!.dir);
  return Promise.all(
    names.map(async (name) => {
      const bytes = await zip.files[name]!.async("uint8array");
      const dataSet = dicomParser.parseDicom(bytes);
      return {
        name,
        bytes,
        PatientName: dataSet.string("x00100010"),
        PatientID: dataSet.string("x00100020"),
        PatientIdentityRemoved: dataSet.string("x00120062"),
        StudyInstanceUID: dataSet.string("x0020000d"),
        Modality: dataSet.string("x00080060"),
      };
    }),
  );
}

/** No identifier of the patient, nor the original study UID, appears anywhere in the bytes (not only in the tags). */
function expectNoIdentifiers(files: Array<{ name: string; bytes: Uint8Array }>, study: string) {
  for (const file of files) {
    const text = Buffer.from(file.bytes).toString("latin1");
    for (const secret of [...IDENTIFIERS, study]) expect({ file: file.name, found: text.includes(secret) ? secret : null }).toEqual({ file: file.name, found: null });
  }
}

it("shares a study de-identified as \"Case 12\": the recipient's OHIF shows the image under the pseudonym, and the ZIP holds de-identified files", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(owner, "deid-share", "/studies/");
  const study = await uploadStudy(uid, email, { ct: 3, us: 0 });

  await owner.goto(webUrl(`/study/?uid=${study}`));
  await owner.getByRole("button", { name: "Share…" }).click();
  const dialog = owner.getByRole("dialog", { name: "Share this study" });
  await dialog.getByLabel(/^Label/).fill("Teaching file");
  await dialog.getByLabel(/^Allow downloading/).check();
  await dialog.getByLabel(/^De-identify/).check();
  const pseudonym = dialog.getByLabel(/^Pseudonym/);
  expect(await pseudonym.inputValue()).toBe("Case 1");
  // The schema's default: dates are kept, shifted; the other options are off.
  expect(await dialog.getByLabel("Keep dates, shifted").isChecked()).toBe(true);
  expect(await dialog.getByLabel("Keep patient characteristics").isChecked()).toBe(false);
  await pseudonym.fill("Case\\12");
  await dialog.getByRole("button", { name: "Create link" }).click();
  await dialog.getByText(/no backslash/).waitFor();
  await pseudonym.fill(PSEUDONYM);
  // A CT study: nothing that usually carries burned-in text.
  await dialog.getByText("None of the 3 images is of a kind that usually carries burned-in text", { exact: false }).waitFor();
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Link", { exact: true }).inputValue();
  await dialog.getByTestId("deidentified-preparing").getByText(/being prepared/).waitFor();
  await dialog.getByRole("button", { name: "Done" }).click();

  // Shared links: the badge with the pseudonym, then the copy ready (the row turns Active).
  await owner.goto(webUrl("/shares/"));
  const row = owner.locator("tr", { hasText: "Teaching file" });
  await row.getByText(`De-identified: ${PSEUDONYM}`).waitFor();
  await row.locator('[data-status="active"]').waitFor({ timeout: 120_000 });
  expect(await row.locator("[data-copy-status]").getAttribute("data-copy-status")).toBe("ready");

  // The recipient: no account, another browser; the page says it is a de-identified copy.
  const recipient = await newIsolatedPage(owner.context().browser()!, TABLET_PORTRAIT);
  try {
    const manifests: string[] = [];
    recipient.on("response", (response) => {
      if (new URL(response.url()).pathname.startsWith("/api/share-manifests/")) void response.text().then((text) => manifests.push(text));
    });
    await recipient.goto(link);
    await recipient.getByRole("button", { name: "Open study" }).click();
    await recipient.getByTestId("deidentified-note").getByText("This is a de-identified copy: names and identifiers were replaced.").waitFor();

    const downloading = recipient.waitForEvent("download");
    await recipient.getByRole("button", { name: "Download (ZIP)" }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).not.toContain("PID-1");
    const files = await readDownloadedFiles(download);
    expect(files).toHaveLength(3);
    for (const file of files) {
      expect(file).toMatchObject({ PatientName: PSEUDONYM, PatientID: PSEUDONYM, PatientIdentityRemoved: "YES", Modality: "CT" });
      expect(file.StudyInstanceUID).not.toBe(study);
    }
    expect(new Set(files.map((file) => file.StudyInstanceUID)).size).toBe(1);
    expectNoIdentifiers(files, study);

    await recipient.getByRole("link", { name: "Open in viewer" }).click();
    await recipient.waitForURL((url) => url.pathname.startsWith("/ohif/viewer/dicomjson"));
    await waitForShades(recipient, 16, 90_000);
    // OHIF's header shows "Patient" and, once opened, the patient's name: the pseudonym.
    await recipient.getByText("Patient", { exact: true }).first().click();
    await recipient.getByText(PSEUDONYM, { exact: true }).first().waitFor();
    const page = await recipient.content();
    for (const secret of IDENTIFIERS) expect(page).not.toContain(secret);
    expect(manifests.length).toBeGreaterThan(0);
    for (const manifest of manifests) {
      expect(manifest).toContain(PSEUDONYM);
      for (const secret of [...IDENTIFIERS, study]) expect(manifest).not.toContain(secret);
    }
  } finally {
    await recipient.context().close();
  }

  // The owner's access log says what the recipient got.
  await owner.reload();
  await row.getByRole("button", { name: "Access log" }).click();
  const log = owner.getByRole("dialog", { name: /^Access log/ });
  await log.getByText("Saw a de-identified copy").waitFor();
  await log.getByText("Downloaded a de-identified copy").waitFor();
});

it("downloads a de-identified ZIP from the study page, leaving the ultrasound series out until the owner acknowledges it", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(owner, "deid-zip", "/studies/");
  const study = await uploadStudy(uid, email, { ct: 2, us: 1 });
  await owner.goto(webUrl(`/study/?uid=${study}`));

  const download = async (acknowledge: boolean) => {
    await owner.getByRole("button", { name: "Download de-identified (ZIP)" }).click();
    const dialog = owner.getByRole("dialog", { name: "Download de-identified (ZIP)" });
    await dialog.getByLabel(/^Pseudonym/).fill(PSEUDONYM);
    const burnedIn = dialog.getByRole("list", { name: "Series that may carry burned-in text" });
    await burnedIn.getByText(/^Series 2 \(US, Abdomen sweep\), 1 image — ultrasound/).waitFor();
    const include = dialog.getByLabel(/^Include these images/);
    expect(await include.isChecked()).toBe(false);
    if (acknowledge) await include.check();
    const downloading = owner.waitForEvent("download");
    await dialog.getByRole("button", { name: "Prepare and download" }).click();
    const files = await readDownloadedFiles(await downloading);
    await dialog.getByText(/Your download has started/).waitFor();
    const leftOut = await dialog.getByRole("list", { name: "Series left out of the ZIP" }).count();
    await dialog.getByRole("button", { name: "Done" }).click();
    return { files, leftOut };
  };

  const refused = await download(false);
  expect(refused.files.map((file) => file.Modality).sort()).toEqual(["CT", "CT"]);
  expect(refused.leftOut).toBe(1);
  expectNoIdentifiers(refused.files, study);

  const acknowledged = await download(true);
  expect(acknowledged.files.map((file) => file.Modality).sort()).toEqual(["CT", "CT", "US"]);
  expect(acknowledged.leftOut).toBe(0);
  for (const file of acknowledged.files) expect(file).toMatchObject({ PatientName: PSEUDONYM, PatientIdentityRemoved: "YES" });
  expectNoIdentifiers(acknowledged.files, study);
  // A fresh key per download: the same study comes out under other UIDs.
  expect(acknowledged.files[0]!.StudyInstanceUID).not.toBe(refused.files[0]!.StudyInstanceUID);
});
