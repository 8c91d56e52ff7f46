// The signed-in user `npm run bench:lighthouse` audits the study list as:
// a verified account with some studies (records as ingest writes them, each
// with a thumbnail), signed in through the app's own pages in the browser
// Lighthouse then drives, so Firebase Auth's IndexedDB holds the session.
import { deflateSync } from "node:zlib";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createVerifiedUser } from "./pacs-client.mjs";
import { loadSearchModules, openAdminFirestore, seedRecords } from "./viewer-search.mjs";
import { buildStudyUidRoot } from "./viewer-studies.mjs";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (bytes) => (bytes.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0;

function pngChunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** A 96x96 grey PNG data URL (a radial pattern), the size ingest renders thumbnails at. */
function buildThumbnailDataUrl(seed) {
  const size = 96;
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(size + 1);
    for (let x = 0; x < size; x += 1) row[x + 1] = Math.round(128 + 127 * Math.sin(Math.hypot(x - 48, y - 48) / (4 + (seed % 5))));
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), pngChunk("IHDR", header), pngChunk("IDAT", deflateSync(Buffer.concat(rows))), pngChunk("IEND", Buffer.alloc(0))]);
  return `data:image/png;base64,${png.toString("base64")}`;
}

/** Seeds `count` study records with thumbnails for `uid`. */
async function seedStudies({ root, cacheDir, emulators, uid, count, log }) {
  const modules = await loadSearchModules(root, cacheDir);
  const { db, close } = openAdminFirestore(root, emulators);
  try {
    await seedRecords({ db, modules, uid, uidRoot: buildStudyUidRoot(), count, log });
    const snapshot = await db.collection(`users/${uid}/studies`).get();
    const batch = db.batch();
    snapshot.docs.forEach((doc, i) => {
      const series = doc.get("series")[0];
      batch.update(doc.ref, { thumbnail: { dataUrl: buildThumbnailDataUrl(i), SeriesInstanceUID: series.SeriesInstanceUID, SOPInstanceUID: `${series.SeriesInstanceUID}.1`, decoded: true } });
    });
    await batch.commit();
  } finally {
    await close();
  }
}

/**
 * Creates the user, seeds their studies and signs them in through the app in
 * the browser listening on `cdpPort` (consent given on the way, as in
 * tests/support/app-user.ts). Returns the user and the rows the list showed.
 */
export async function signInWithStudies({ root, cacheDir, emulators, webOrigin, cdpPort, studies, log }) {
  const user = await createVerifiedUser(emulators);
  log(`seeding ${studies} studies for ${user.email}...`);
  await seedStudies({ root, cacheDir, emulators, uid: user.uid, count: studies, log });
  const { chromium } = createRequire(join(root, "package.json"))("playwright-core");
  const browser = await chromium.connectOverCDP(`http://127.0.0.1:${cdpPort}`);
  try {
    const context = browser.contexts()[0];
    const page = await context.newPage();
    await page.goto(`${webOrigin}/signin/?next=${encodeURIComponent("/studies/")}`);
    await page.getByLabel("Email").fill(user.email);
    await page.getByLabel("Password").fill(user.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Finish creating your account" }).waitFor();
    await page.getByLabel("I am 18 years or older.").check();
    await page.getByLabel(/I accept the Privacy Policy/).check();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((url) => url.pathname === "/studies/");
    await page.locator("tr[data-study-uid]").first().waitFor();
    // A returning user has answered the cookie question; its banner is the first visit's, not the list's.
    await page.getByRole("button", { name: "Reject all" }).click();
    const rows = await page.locator("tr[data-study-uid]").count();
    await page.close();
    return { ...user, rows };
  } finally {
    await browser.close();
  }
}
