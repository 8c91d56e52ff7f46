/**
 * Searching the study list: studies uploaded while the list is open appear
 * on their own, typing part of a patient's given name leaves only that
 * patient's study, the modality filter narrows the list, and a long list
 * comes in pages.
 */
import type { Page } from "playwright-core";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy, type BuiltStudy } from "../../functions/src/ingest/testing/build-study";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, TABLET_PORTRAIT, useFreshPagePerTest } from "../support/browser";
import { applyContribution, newContribution } from "../../functions/src/ingest/study-contribution";
import { db, signInThroughAuthEmulator, uploadBatch } from "../support/ingest-client";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

const zipOf = (study: BuiltStudy) => buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes])));
const rowOf = (study: BuiltStudy) => page.locator(`tr[data-study-uid="${study.studyInstanceUID}"]`);

it("finds a study by part of the patient's given name, and filters by modality", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(page, "search-ui", "/studies/");
  const jane = buildStudy({ series: [{ instances: 1, modality: "CT" }], patient: [{ tag: "00100010", vr: "PN", value: "Doe^Jane" }] });
  const robert = buildStudy({
    series: [{ instances: 1, modality: "MR" }],
    patient: [
      { tag: "00100010", vr: "PN", value: "Smith^Robert" },
      { tag: "00100020", vr: "LO", value: "PID-2" },
    ],
  });
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [
    { relativePath: "jane.zip", bytes: await zipOf(jane) },
    { relativePath: "robert.zip", bytes: await zipOf(robert) },
  ]);
  // Both arrive in the open list without a reload.
  await rowOf(jane).waitFor();
  await rowOf(robert).waitFor();

  await page.getByLabel("Search", { exact: true }).fill("Rob");
  await rowOf(jane).waitFor({ state: "detached" });
  await rowOf(robert).waitFor();
  expect(await page.locator("tr[data-study-uid]").count()).toBe(1);

  await page.getByLabel("Search", { exact: true }).fill("nobody");
  await page.getByText("No studies match.").waitFor();

  await page.getByLabel("Search", { exact: true }).fill("");
  await page.getByLabel("Modality").selectOption("CT");
  await rowOf(robert).waitFor({ state: "detached" });
  await rowOf(jane).waitFor();
  expect(await page.locator("tr[data-study-uid]").count()).toBe(1);

  // The filters wrap on a tablet held upright; the page does not scroll sideways.
  await page.setViewportSize(TABLET_PORTRAIT);
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest(".table-scroll"))
      .map((e) => `${e.tagName}.${e.className}#${e.id} ${Math.round(e.getBoundingClientRect().right)}`),
  );
  expect(wide).toEqual([]);
});

it("shows 50 studies, then the next ones on Load more", async () => {
  const { uid } = await signInAsNewVerifiedUser(page, "search-pages", "/studies/");
  // Records as ingest writes them, straight into Firestore: 55 uploads would take minutes.
  const batch = db.batch();
  for (let i = 0; i < 55; i++) {
    const studyUID = `1.2.826.0.1.3680043.10.98.${Date.now()}.${i}`;
    const contribution = newContribution({ StudyInstanceUID: studyUID, PatientID: `P${i}`, PatientName: `Patient${i}^Test` });
    const record = applyContribution(undefined, contribution, new Date(Date.UTC(2025, 0, 1, 0, i)));
    batch.set(db.doc(`users/${uid}/studies/${studyUID}`), record);
  }
  await batch.commit();
  const rows = page.locator("tr[data-study-uid]");
  await page.getByText("50 studies shown, more below").waitFor();
  // Newest first: Patient54 leads the first page.
  expect(await rows.first().locator("th").textContent()).toBe("Patient54, Test");
  await page.getByRole("button", { name: "Load more" }).click();
  await page.getByText("55 studies", { exact: true }).waitFor();
  expect(await rows.count()).toBe(55);
  expect(await rows.last().locator("th").textContent()).toBe("Patient0, Test");
  expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
});
