/**
 * Deleting a study from the study list: the user is asked first (and can
 * keep it), then the row disappears and the study's images are gone.
 */
import type { Page } from "playwright-core";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy } from "../../functions/src/ingest/testing/build-study";
import { signInAsNewVerifiedUser } from "../support/app-user";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { instancesBucket, listObjects, readStudy, signInThroughAuthEmulator, uploadBatch } from "../support/ingest-client";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
beforeEach(() => {
  page = currentPage();
});

it("asks before deleting a study, then removes it and its images", async () => {
  const { uid, email } = await signInAsNewVerifiedUser(page, "delete-ui", "/studies/");
  const study = buildStudy({ series: [{ instances: 2 }] });
  await uploadBatch(await signInThroughAuthEmulator(uid, email), [
    { relativePath: "s.zip", bytes: await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes]))) },
  ]);
  const row = page.locator(`tr[data-study-uid="${study.studyInstanceUID}"]`);
  await row.waitFor();

  await row.getByRole("button", { name: /Delete the study of/ }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this study?" });
  await dialog.getByText(/2 images will be deleted for good/).waitFor();
  await dialog.getByRole("button", { name: "Keep it" }).click();
  await dialog.waitFor({ state: "hidden" });
  expect(await readStudy(uid, study.studyInstanceUID)).not.toBeNull();

  await row.getByRole("button", { name: /Delete the study of/ }).click();
  await page.getByRole("dialog", { name: "Delete this study?" }).getByRole("button", { name: "Delete study" }).click();
  await row.waitFor({ state: "detached" });
  expect(await readStudy(uid, study.studyInstanceUID)).toBeNull();
  expect(await listObjects(`instances/${uid}/${study.studyInstanceUID}/`, instancesBucket)).toEqual([]);
});
