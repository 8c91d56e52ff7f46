/**
 * The viewer session's own DICOMweb root (docs/viewer.md, "Measurements"):
 * the owner's viewer stores a report into the study it opened, with the
 * store ticket its session set as a cookie, and nothing else gets through.
 */
import { buildBasicTextSr, BASIC_TEXT_SR } from "../support/sr-fixture";
import { createUploader, readStudyInstances, type Uploader } from "../support/ingest-client";
import { cookiesFor, createShareLink, openShare, openViewerSession, sendRaw, tokenOf, uploadSmallStudy } from "../support/share-client";
import { webUrl } from "../support/emulators";
import { uniqueUID } from "../../functions/src/ingest/testing/build-study";
import { buildCtElements, buildDicomFile } from "../../functions/src/ingest/testing/build-dicom";

const BOUNDARY = "viewer-session-stow";

function multipart(bytes: Uint8Array): Buffer {
  const head = Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/dicom\r\n\r\n`);
  return Buffer.concat([head, Buffer.from(bytes), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
}

async function post(path: string, bytes: Uint8Array, cookie: string | undefined): Promise<{ status: number; text: string }> {
  const response = await fetch(webUrl(path), {
    method: "POST",
    headers: { "Content-Type": `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`, Accept: "application/dicom+json", ...(cookie ? { Cookie: cookie } : {}) },
    body: multipart(bytes),
  });
  return { status: response.status, text: await response.text() };
}

let owner: Uploader;
let study: string;
let root: string;
beforeAll(async () => {
  owner = await createUploader("viewer-stow");
  study = (await uploadSmallStudy(owner)).studyInstanceUID;
  const session = await openViewerSession(owner, study);
  expect(session.status).toBe(201);
  root = `/dicomweb/viewer-sessions/${(session.body.manifestPath as string).split("/").at(-1)}`;
});

it("stores an SR into the opened study with the session's store cookie", async () => {
  const cookie = cookiesFor(`${root}/studies`);
  expect(cookie).toMatch(/^__session=/);
  const report = buildBasicTextSr(study, "Stored from the viewer");
  const answer = await post(`${root}/studies`, report.bytes, cookie);
  expect(answer.status).toBe(200);
  const stored = (await readStudyInstances(owner.uid, study)).filter((instance) => instance.metadata.SeriesInstanceUID === report.series);
  expect(stored.map((instance) => instance.metadata.SOPClassUID)).toEqual([BASIC_TEXT_SR]);
});

it("refuses without the cookie (401), an instance of another study, and anything but STOW (404)", async () => {
  const cookie = cookiesFor(`${root}/studies`);
  expect((await post(`${root}/studies`, buildBasicTextSr(study, "no cookie").bytes, undefined)).status).toBe(401);
  const elsewhere = await post(`${root}/studies`, buildBasicTextSr(uniqueUID(), "another study").bytes, cookie);
  expect(elsewhere.status).not.toBe(200);
  expect(elsewhere.text).toContain(study);
  const search = await sendRaw(`${root}/studies`, { method: "GET", headers: { Cookie: cookie! } });
  expect(search.status).toBe(404);
});

it("refuses an image (anything but a structured report) sent through the viewer's save root, with 0x0122", async () => {
  const cookie = cookiesFor(`${root}/studies`);
  const series = uniqueUID();
  const image = buildDicomFile(
    buildCtElements([
      { tag: "0020000D", vr: "UI", value: study },
      { tag: "0020000E", vr: "UI", value: series },
      { tag: "00080018", vr: "UI", value: uniqueUID() },
    ]),
  );
  const answer = await post(`${root}/studies`, image, cookie);
  expect(answer.status).not.toBe(200);
  // FailedSOPSequence (0008,1198) with FailureReason (0008,1197) 0x0122, SOP class not supported.
  expect(JSON.parse(answer.text)["00081198"].Value[0]["00081197"].Value).toEqual([0x0122]);
  expect((await readStudyInstances(owner.uid, study)).filter((instance) => instance.metadata.SeriesInstanceUID === series)).toEqual([]);
});

it("gives a share link's viewer no store ticket", async () => {
  const link = await createShareLink(owner, { StudyInstanceUID: study });
  expect(link.status).toBe(201);
  const opened = await openShare(tokenOf(link.body.path as string));
  expect(opened.status).toBe(200);
  const sid = (opened.body.manifestPath as string).split("/").at(-1);
  expect(cookiesFor(`/dicomweb/viewer-sessions/${sid}/studies`)).toBeUndefined();
});
