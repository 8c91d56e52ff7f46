/**
 * WADO-RS on the emulators, through the Hosting rewrite: files ingested by
 * the normal upload path come back byte for byte (study, series, instance),
 * in their stored transfer syntax; frames agree with GDCM's own reading of
 * the pixel data; rendered images decode at the right size; another user's
 * study is a 404.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy, uniqueUID } from "../../functions/src/ingest/testing/build-study";
import { readMultipart } from "../../functions/src/dicomweb/wado/testing/read-multipart";
import { buildImageDicom } from "../../functions/src/thumbnails/testing/build-image-dicom";
import { createUploader, uploadBatch, type Uploader } from "../support/ingest-client";
import { webUrl } from "../support/emulators";

const EXPLICIT = "1.2.840.10008.1.2.1";
const JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
const DICOM_ANY = 'multipart/related; type="application/dicom"; transfer-syntax=*';
const OCTETS_ANY = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
const ROWS = 48;
const COLUMNS = 64;
const FRAMES = 3;

let owner: Uploader;
const study = buildStudy({ series: [{ instances: 2 }, { instances: 1, modality: "MR" }] });
const jpegIds = { study: uniqueUID(), series: uniqueUID(), sop: uniqueUID() };
const cineIds = { study: uniqueUID(), series: uniqueUID(), sop: uniqueUID() };
const jpegBitstream = buildJpegBitstream();
const jpegFile = buildImageDicom({ rows: ROWS, columns: COLUMNS, bitsAllocated: 8, samplesPerPixel: 3, photometricInterpretation: "YBR_FULL_422" }, JPEG_BASELINE, { frames: [jpegBitstream] }, uidElements(jpegIds));
const cinePixels = Uint8Array.from({ length: FRAMES * ROWS * COLUMNS * 2 }, (_, i) => (i * 13 + Math.floor(i / 997)) % 256);
const cineFile = buildImageDicom({ rows: ROWS, columns: COLUMNS, bitsAllocated: 16, window: [30000, 60000] }, EXPLICIT, { native: cinePixels }, [...uidElements(cineIds), { tag: "00280008", vr: "IS", value: String(FRAMES) }]);

function uidElements(ids: typeof jpegIds) {
  return [
    { tag: "0020000D", vr: "UI", value: ids.study },
    { tag: "0020000E", vr: "UI", value: ids.series },
    { tag: "00080018", vr: "UI", value: ids.sop },
  ];
}

function buildJpegBitstream(): Uint8Array {
  const rgba = new Uint8Array(ROWS * COLUMNS * 4);
  for (let i = 0; i < ROWS * COLUMNS; i++) rgba.set([(i % COLUMNS) * 4, Math.floor(i / COLUMNS) * 5, 128, 255], i * 4);
  const bytes = new Uint8Array(jpeg.encode({ data: rgba, width: COLUMNS, height: ROWS }, 90).data);
  // Encapsulation pads a fragment to even length (PS3.5 §A.4); a frame is its fragment as stored.
  return bytes.length % 2 ? Uint8Array.from([...bytes, 0]) : bytes;
}

async function wado(pathname: string, accept?: string, user = owner) {
  const response = await fetch(webUrl(`/dicomweb/${pathname}`), { headers: { Authorization: `Bearer ${user.idToken}`, ...(accept ? { Accept: accept } : {}) } });
  const body = Buffer.from(await response.arrayBuffer());
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", contentLength: response.headers.get("content-length"), body };
}

async function retrieveParts(pathname: string, accept?: string) {
  const response = await wado(pathname, accept);
  expect({ pathname, status: response.status }).toEqual({ pathname, status: 200 });
  // Declared, so the platform treats it as a plain (not streamed) response under its 32 MB cap.
  expect(Number(response.contentLength)).toBe(response.body.length);
  return { contentType: response.contentType, parts: readMultipart(response.contentType, response.body) };
}

beforeAll(async () => {
  owner = await createUploader("wado");
  const files = Object.fromEntries([...study.files.map((f) => [f.name, f.bytes] as const), ["jpeg.dcm", jpegFile] as const, ["cine.dcm", cineFile] as const]);
  const { batch } = await uploadBatch(owner, [{ relativePath: "wado.zip", bytes: await buildZip(files) }]);
  expect(batch.counts).toEqual({ stored: 5, duplicate: 0, skipped: 0, failed: 0 });
});

it("retrieves a study, a series and an instance as the files uploaded, byte for byte", async () => {
  const uploaded = new Map(study.files.map((f) => [f.sopInstanceUID, Buffer.from(f.bytes)]));
  const whole = await retrieveParts(`studies/${study.studyInstanceUID}`, DICOM_ANY);
  expect(whole.contentType).toMatch(/^multipart\/related; type="application\/dicom"; boundary=/);
  expect(whole.parts).toHaveLength(3);
  for (const part of whole.parts) {
    expect(part.headers["content-type"]).toBe(`application/dicom; transfer-syntax=${EXPLICIT}`);
    const sop = /instances\/([0-9.]+)$/.exec(part.headers["content-location"] ?? "")![1]!;
    expect(part.body.equals(uploaded.get(sop)!)).toBe(true);
  }

  const [firstSeries] = study.seriesInstanceUIDs;
  const series = await retrieveParts(`studies/${study.studyInstanceUID}/series/${firstSeries}`, DICOM_ANY);
  const inFirstSeries = study.files.filter((f) => f.seriesInstanceUID === firstSeries);
  expect(series.parts.map((p) => p.body.toString("hex")).sort()).toEqual(inFirstSeries.map((f) => Buffer.from(f.bytes).toString("hex")).sort());

  // No Accept at all: multipart application/dicom in the stored syntax.
  const one = study.files[2]!;
  const instance = await retrieveParts(`studies/${study.studyInstanceUID}/series/${one.seriesInstanceUID}/instances/${one.sopInstanceUID}`);
  expect(instance.parts).toHaveLength(1);
  expect(instance.parts[0]!.body.equals(Buffer.from(one.bytes))).toBe(true);
});

it("sends a JPEG instance as stored with transfer-syntax=*, and refuses with 406 a client that insists on Explicit VR Little Endian", async () => {
  const url = `studies/${jpegIds.study}/series/${jpegIds.series}/instances/${jpegIds.sop}`;
  const { parts } = await retrieveParts(url, DICOM_ANY);
  expect(parts[0]!.headers["content-type"]).toBe(`application/dicom; transfer-syntax=${JPEG_BASELINE}`);
  expect(parts[0]!.body.equals(Buffer.from(jpegFile))).toBe(true);

  const refused = await wado(url, `multipart/related; type="application/dicom"; transfer-syntax=${EXPLICIT}`);
  expect(refused.status).toBe(406);
  expect(refused.body.toString()).toContain(JPEG_BASELINE);
});

it("gives frames of a native multi-frame instance as GDCM reads them, each part naming its transfer syntax", async () => {
  const folder = mkdtempSync(path.join(tmpdir(), "wado-frames-"));
  try {
    writeFileSync(path.join(folder, "cine.dcm"), cineFile);
    execFileSync("gdcmraw", ["-i", path.join(folder, "cine.dcm"), "-o", path.join(folder, "pixels.raw"), "-t", "7fe0,0010"]);
    const pixels = readFileSync(path.join(folder, "pixels.raw"));
    const frameLength = ROWS * COLUMNS * 2;
    const gdcmFrame = (n: number) => pixels.subarray((n - 1) * frameLength, n * frameLength);

    const base = `studies/${cineIds.study}/series/${cineIds.series}/instances/${cineIds.sop}`;
    const { contentType, parts } = await retrieveParts(`${base}/frames/3,1`, OCTETS_ANY);
    expect(contentType).toMatch(/^multipart\/related; type="application\/octet-stream"/);
    expect(parts.map((p) => p.headers["content-type"])).toEqual([`application/octet-stream; transfer-syntax=${EXPLICIT}`, `application/octet-stream; transfer-syntax=${EXPLICIT}`]);
    expect(parts[0]!.body.equals(gdcmFrame(3))).toBe(true);
    expect(parts[1]!.body.equals(gdcmFrame(1))).toBe(true);

    const bulk = await retrieveParts(`${base}/bulkdata/7fe00010`, OCTETS_ANY);
    expect(Buffer.concat(bulk.parts.map((p) => p.body)).equals(pixels.subarray(0, FRAMES * frameLength))).toBe(true);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});

it("gives a JPEG frame as image/jpeg only when asked so, and answers bad frame numbers with 400 and 404", async () => {
  const base = `studies/${jpegIds.study}/series/${jpegIds.series}/instances/${jpegIds.sop}`;
  const { parts } = await retrieveParts(`${base}/frames/1`, 'multipart/related; type="image/jpeg"');
  expect(parts[0]!.headers["content-type"]).toBe(`image/jpeg; transfer-syntax=${JPEG_BASELINE}`);
  expect(parts[0]!.body.equals(Buffer.from(jpegBitstream))).toBe(true);

  const octets = await retrieveParts(`${base}/frames/1`, OCTETS_ANY);
  expect(octets.parts[0]!.headers["content-type"]).toBe(`application/octet-stream; transfer-syntax=${JPEG_BASELINE}`);

  expect((await wado(`${base}/frames/1`, 'multipart/related; type="image/jp2"')).status).toBe(406);
  expect((await wado(`${base}/frames/2`, OCTETS_ANY)).status).toBe(404);
  expect((await wado(`${base}/frames/one`, OCTETS_ANY)).status).toBe(400);
});

it("renders frames and thumbnails as decodable JPEG and PNG of the right size", async () => {
  const base = `studies/${cineIds.study}/series/${cineIds.series}/instances/${cineIds.sop}`;
  const rendered = await wado(`${base}/rendered`, "image/png");
  expect(rendered.contentType).toBe("image/png");
  expect(PNG.sync.read(rendered.body)).toMatchObject({ width: COLUMNS, height: ROWS });

  const frame = await wado(`${base}/frames/2/rendered?viewport=32,32`);
  expect(frame.contentType).toBe("image/jpeg");
  expect(jpeg.decode(frame.body)).toMatchObject({ width: 32, height: 24 });

  const seriesThumbnail = await wado(`studies/${jpegIds.study}/series/${jpegIds.series}/thumbnail?viewport=64,64`, "image/jpeg");
  expect(jpeg.decode(seriesThumbnail.body)).toMatchObject({ width: 64, height: 48 });
  const studyThumbnail = await wado(`studies/${study.studyInstanceUID}/thumbnail`, "image/png");
  expect(studyThumbnail.status).toBe(200);
  expect(PNG.sync.read(studyThumbnail.body).width).toBeGreaterThan(0);
});

it("answers another user's study, its frames and an unknown instance with 404, never 403", async () => {
  const stranger = await createUploader("wado-stranger");
  const base = `studies/${cineIds.study}/series/${cineIds.series}/instances/${cineIds.sop}`;
  for (const pathname of [`studies/${study.studyInstanceUID}`, `${base}/frames/1`, `${base}/rendered`, `studies/${study.studyInstanceUID}/thumbnail`]) {
    const response = await wado(pathname, undefined, stranger);
    expect({ pathname, status: response.status, body: response.body.toString() }).toEqual({ pathname, status: 404, body: "There is no such study in this archive." });
  }
  expect((await wado(`studies/${cineIds.study}/series/${cineIds.series}/instances/${uniqueUID()}`)).status).toBe(404);
});
