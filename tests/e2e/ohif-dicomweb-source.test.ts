/**
 * OHIF's own DICOMweb data source, as a site that runs its own OHIF would set
 * it up: the published viewer on another origin, its app-config.js pointing
 * qidoRoot and wadoRoot at our /dicomweb with a personal access token. OHIF
 * lists the study through QIDO-RS and draws its image through WADO-RS
 * metadata and frames, every request carrying the token.
 */
import type { Page } from "playwright-core";
import { buildToolSnippets, dicomwebBaseUrl } from "../../apps/web/src/lib/connect-snippets";
import { createAccessToken } from "../support/access-tokens";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";
import { createUploader, uploadBatch } from "../support/ingest-client";
import { serveOhif, type OhifServer } from "../support/ohif-server";
import { buildGradientStudyZip, waitForShades } from "../support/viewer";

const currentPage = useFreshPagePerTest(LAPTOP);
let page: Page;
let ohif: OhifServer | undefined;
beforeEach(() => {
  page = currentPage();
});
afterEach(async () => {
  await ohif?.close();
  ohif = undefined;
});

/**
 * The app-config.js a site writes for OHIF 3.13, with the data source entry
 * Settings → Connect a tool gives (apps/web/src/lib/connect-snippets.ts).
 * OHIF's DICOMweb source takes its Authorization header from the user
 * authentication service only (3.13 no longer reads `requestOptions.auth`),
 * so a small extension sets it before the data sources start.
 */
/** OHIF's app-config with exactly the keys Settings → Connect a tool gives for OHIF. */
function buildOhifConfig(dicomwebRoot: string, token: string): string {
  const snippet = buildToolSnippets(dicomwebRoot, token).find((tool) => tool.id === "ohif")!;
  return `window.config = {
  routerBasename: '/ohif',
  showStudyList: true,
  investigationalUseDialog: { option: 'never' },
  modes: [],
${snippet.text}
};
`;
}

it("lists the study in OHIF's study list through QIDO-RS and draws its image through WADO-RS, with a personal access token", async () => {
  const user = await createUploader("ohif-dicomweb");
  const { study, zip } = await buildGradientStudyZip("Dicomweb^Dora", 1);
  await uploadBatch(user, [{ relativePath: "ct.zip", bytes: zip }]);
  const token = await createAccessToken(user, { name: "OHIF", scope: "read" });
  ohif = await serveOhif(buildOhifConfig(dicomwebBaseUrl(new URL(webUrl()).origin), token));

  const calls: Array<{ path: string; authorized: boolean }> = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(webUrl("/dicomweb/")) || request.method() === "OPTIONS") return;
    calls.push({ path: new URL(request.url()).pathname, authorized: request.headers()["authorization"] === `Bearer ${token}` });
  });

  await page.goto(`${ohif.origin}/ohif/`);
  // OHIF's study list shows the patient's name as "Family, Given".
  await page.getByText("Dicomweb, Dora").first().waitFor({ timeout: 90_000 });

  await page.goto(`${ohif.origin}/ohif/viewer?StudyInstanceUIDs=${study}`);
  await waitForShades(page, 16, 90_000);

  const paths = calls.map((call) => call.path);
  expect(paths).toContain("/dicomweb/studies");
  expect(paths).toContainEqual(expect.stringMatching(new RegExp(`^/dicomweb/studies/${study.replaceAll(".", "\\.")}/series/[0-9.]+/metadata$`)));
  expect(paths).toContainEqual(expect.stringMatching(/\/instances\/[0-9.]+\/frames\/1$/));
  expect(calls.filter((call) => !call.authorized)).toEqual([]);
});
