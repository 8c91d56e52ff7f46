/**
 * Thumbnails at ingest: one study per transfer syntax, uploaded together;
 * each study ends with a thumbnail rendered from its image (a real PNG of the
 * right shape, not uniform), and an image that cannot be decoded gets the
 * labelled placeholder instead. The main series' middle slice is the one used.
 */
import { PNG } from "pngjs";
import { encode as encodeJpeg } from "jpeg-js";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy, uniqueUID } from "../../functions/src/ingest/testing/build-study";
import { buildImageDicom, type TestImageSpec } from "../../functions/src/thumbnails/testing/build-image-dicom";
import { encodeJpegLossless } from "../../functions/src/thumbnails/testing/encode-jpeg-lossless";
import { encodeRleFrame } from "../../functions/src/thumbnails/testing/encode-rle";
import { encodeWithCodec } from "../../functions/src/thumbnails/testing/encode-wasm";
import { createUploader, readStudy, uploadBatch } from "../support/ingest-client";

const ROWS = 48;
const COLUMNS = 64;
const SPEC: TestImageSpec = { rows: ROWS, columns: COLUMNS, bitsAllocated: 16 };
const gradient = Uint16Array.from({ length: ROWS * COLUMNS }, (_, i) => (i % COLUMNS) * 40 + Math.floor(i / COLUMNS) * 30);
const littleEndian = (samples: Uint16Array) => new Uint8Array(samples.buffer.slice(0));

function uids() {
  return { study: uniqueUID(), series: uniqueUID(), sop: uniqueUID() };
}
function overrides(ids: ReturnType<typeof uids>) {
  return [
    { tag: "0020000D", vr: "UI", value: ids.study },
    { tag: "0020000E", vr: "UI", value: ids.series },
    { tag: "00080018", vr: "UI", value: ids.sop },
  ];
}

function readPng(dataUrl: string) {
  const png = PNG.sync.read(Buffer.from(dataUrl.slice("data:image/png;base64,".length), "base64"));
  const shades = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) shades.add(png.data[i]!);
  return { width: png.width, height: png.height, shades: shades.size };
}

it("renders a real thumbnail for each supported transfer syntax, and a placeholder for one it cannot decode", async () => {
  const user = await createUploader("thumbs");
  const jpegBaseline = () => {
    const rgba = new Uint8Array(ROWS * COLUMNS * 4);
    for (let i = 0; i < ROWS * COLUMNS; i++) rgba.set([(i % COLUMNS) * 4, Math.floor(i / COLUMNS) * 5, 128, 255], i * 4);
    return new Uint8Array(encodeJpeg({ data: rgba, width: COLUMNS, height: ROWS }, 95).data);
  };
  const cases: Array<{ name: string; build: (ids: ReturnType<typeof uids>) => Promise<Uint8Array> }> = [
    { name: "explicit VR little endian", build: async (ids) => buildImageDicom(SPEC, "1.2.840.10008.1.2.1", { native: littleEndian(gradient) }, overrides(ids)) },
    { name: "RLE", build: async (ids) => buildImageDicom(SPEC, "1.2.840.10008.1.2.5", { frames: [encodeRleFrame(gradient, 2, 1)] }, overrides(ids)) },
    {
      name: "JPEG baseline",
      build: async (ids) =>
        buildImageDicom({ rows: ROWS, columns: COLUMNS, bitsAllocated: 8, samplesPerPixel: 3, photometricInterpretation: "YBR_FULL_422" }, "1.2.840.10008.1.2.4.50", { frames: [jpegBaseline()] }, overrides(ids)),
    },
    { name: "JPEG lossless", build: async (ids) => buildImageDicom(SPEC, "1.2.840.10008.1.2.4.70", { frames: [encodeJpegLossless(gradient, COLUMNS, ROWS, 16)] }, overrides(ids)) },
    { name: "JPEG-LS", build: async (ids) => buildImageDicom(SPEC, "1.2.840.10008.1.2.4.80", { frames: [await encodeWithCodec("jpeg-ls", gradient, COLUMNS, ROWS)] }, overrides(ids)) },
    { name: "JPEG 2000", build: async (ids) => buildImageDicom(SPEC, "1.2.840.10008.1.2.4.90", { frames: [await encodeWithCodec("jpeg-2000", gradient, COLUMNS, ROWS)] }, overrides(ids)) },
  ];
  const built = await Promise.all(cases.map(async (c) => ({ ...c, ids: uids(), bytes: new Uint8Array() })));
  for (const entry of built) entry.bytes = await entry.build(entry.ids);
  const broken = uids();
  const brokenFile = buildImageDicom({ ...SPEC, modality: "MR" }, "1.2.840.10008.1.2.4.90", { frames: [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])] }, overrides(broken));

  const files = Object.fromEntries([...built.map((b) => [`${b.name}.dcm`, b.bytes] as const), ["broken.dcm", brokenFile] as const]);
  const { batch } = await uploadBatch(user, [{ relativePath: "syntaxes.zip", bytes: await buildZip(files) }]);
  expect(batch.counts).toEqual({ stored: 7, duplicate: 0, skipped: 0, failed: 0 });

  for (const entry of built) {
    const thumbnail = (await readStudy(user.uid, entry.ids.study))!.thumbnail;
    expect({ syntax: entry.name, decoded: thumbnail?.decoded }).toEqual({ syntax: entry.name, decoded: true });
    const png = readPng(thumbnail!.dataUrl);
    expect({ syntax: entry.name, width: png.width, height: png.height }).toEqual({ syntax: entry.name, width: 96, height: 72 });
    expect(png.shades).toBeGreaterThan(16);
  }
  const placeholder = (await readStudy(user.uid, broken.study))!.thumbnail!;
  expect(placeholder.decoded).toBe(false);
  expect(readPng(placeholder.dataUrl)).toMatchObject({ width: 96, height: 96 });
});

it("takes the middle slice of the main series", async () => {
  const user = await createUploader("thumbs-middle");
  const study = buildStudy({ series: [{ instances: 1 }, { instances: 5 }] });
  await uploadBatch(user, [{ relativePath: "s.zip", bytes: await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes]))) }]);
  const thumbnail = (await readStudy(user.uid, study.studyInstanceUID))!.thumbnail!;
  const main = study.files.filter((f) => f.seriesInstanceUID === study.seriesInstanceUIDs[1]);
  expect(thumbnail.SeriesInstanceUID).toBe(study.seriesInstanceUIDs[1]);
  // build-study numbers slices 1..5 in file order; the middle one is the third.
  expect(thumbnail.SOPInstanceUID).toBe(main[2]!.sopInstanceUID);
});
