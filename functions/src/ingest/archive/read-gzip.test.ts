import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { Readable } from "node:stream";
import { createGzip, gzipSync } from "node:zlib";
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from "../limits";
import { readInstanceMetadata } from "../read-instance";
import { buildCtElements, buildDicomFile } from "../testing/build-dicom";
import type { ArchiveItem } from "./archive-item";
import { bufferSource, type ByteSource } from "./byte-source";
import { readGzip, unwrappedName } from "./read-gzip";

const MB = 1000 * 1000;
const MiB = 1024 * 1024;

const read = (bytes: Uint8Array, name = "IM1.dcm.gz", limits: Partial<IngestLimits> = {}) =>
  readGzip(bufferSource(bytes), name, { ...DEFAULT_INGEST_LIMITS, ...limits });

function expectProblem(item: ArchiveItem, reason: string, detail: RegExp) {
  expect(item).toEqual({ kind: "problem", name: "IM1.dcm.gz", reason, detail: expect.stringMatching(detail) });
}

/** `megabytes` of zeros gzipped a mebibyte at a time, so the test never holds the bomb's output either. */
async function buildGzipBomb(mebibytes: number): Promise<Buffer> {
  const gzip = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gzip.on("data", (chunk: Buffer) => out.push(chunk));
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < mebibytes; i++) if (!gzip.write(zeros)) await new Promise((resolve) => gzip.once("drain", resolve));
  await new Promise((resolve) => gzip.end(resolve));
  return Buffer.concat(out);
}

/** A source that hands out 16 KiB at a time, as Cloud Storage streams do, and counts what was taken. */
function chunkedSource(bytes: Buffer): { source: ByteSource; taken: () => number } {
  let taken = 0;
  const source: ByteSource = {
    ...bufferSource(bytes),
    stream: (start, end) =>
      Readable.from(
        (function* () {
          for (let at = start; at < end; at += 16 * 1024) {
            const chunk = bytes.subarray(at, Math.min(end, at + 16 * 1024));
            taken += chunk.length;
            yield chunk;
          }
        })(),
        { objectMode: false, highWaterMark: 16 * 1024 },
      ),
  };
  return { source, taken: () => taken };
}

it("unwraps a gzipped DICOM file into the instance it holds, named without .gz", async () => {
  const dicom = buildDicomFile(buildCtElements());
  const item = await read(gzipSync(dicom), "study/IM1.dcm.gz");
  expect(item).toEqual({ kind: "file", name: "study/IM1.dcm", bytes: Buffer.from(dicom) });
  const { instance, study } = readInstanceMetadata((item as { bytes: Buffer }).bytes, "study/IM1.dcm");
  expect(instance).toMatchObject({ SOPInstanceUID: "1.2.826.0.1.3680043.10.1.3", Modality: "CT", Rows: 2, Columns: 2 });
  expect(study.PatientName).toBe("Doe^Jane");
});

it("joins the members of a multi-member gzip file, as gunzip does", async () => {
  const dicom = buildDicomFile(buildCtElements());
  const members = Buffer.concat([gzipSync(dicom.subarray(0, 100)), gzipSync(dicom.subarray(100))]);
  expect(await read(members)).toMatchObject({ kind: "file", bytes: Buffer.from(dicom) });
});

it("refuses a gzip bomb (300 MiB of zeros) by its ratio, after inflating only a few megabytes of it", async () => {
  const bomb = await buildGzipBomb(300);
  const { source, taken } = chunkedSource(bomb);
  const item = await readGzip(source, "IM1.dcm.gz", DEFAULT_INGEST_LIMITS);
  expectProblem(item, "zip-bomb", /expands \d+:1 .* beyond the 200:1 accepted; this looks like a zip bomb/);
  // The detail names how far inflation went before it was stopped: just past the 4 MiB where the ratio is checked.
  const inflatedMB = Number(/to ([\d.]+) MB when unwrapping was stopped/.exec((item as { detail: string }).detail)?.[1]);
  expect(inflatedMB).toBeGreaterThanOrEqual((4 * MiB) / MB);
  expect(inflatedMB).toBeLessThan(20);
  expect(taken()).toBeLessThan(bomb.length / 4);
}, 30_000);

it("refuses a gzip file that unwraps past the instance limit, whatever its ratio", async () => {
  const item = await read(gzipSync(Buffer.alloc(3 * MiB, 1)), "IM1.dcm.gz", { maxInstanceBytes: MiB, maxCompressionRatio: Infinity });
  expectProblem(item, "too-large", /unwraps to more than 1 MB; single files of at most 1 MB are accepted/);
});

it("accepts small gzip files that compress well: the ratio is only held against big ones", async () => {
  const dicom = buildDicomFile(buildCtElements(), { pixelData: new Uint8Array(2 * MiB) });
  expect(await read(gzipSync(dicom))).toMatchObject({ kind: "file", name: "IM1.dcm" });
});

it("names a gzip file whose content is not DICOM", async () => {
  expectProblem(await read(gzipSync("Patient: Doe^Jane\nStudy: CT head\n".repeat(20))), "not-dicom", /^a gzip file whose content is not DICOM: a text file/);
});

it("unwraps one level only: a gzip inside a gzip is reported", async () => {
  const twice = gzipSync(gzipSync(buildDicomFile(buildCtElements())));
  expectProblem(await read(twice), "nested-too-deep", /only one level is unwrapped/);
});

it("reports a gzip file cut off in transfer as truncated", async () => {
  const whole = gzipSync(buildDicomFile(buildCtElements()));
  expectProblem(await read(whole.subarray(0, whole.length / 2)), "truncated", /ends early/);
});

it("reports damaged gzip data as unreadable, checked by its CRC-32", async () => {
  const damaged = gzipSync(buildDicomFile(buildCtElements()));
  damaged[damaged.length - 6]! ^= 0xff;
  expectProblem(await read(damaged), "unreadable", /damaged and cannot be unwrapped: incorrect data check/);
});

it("throws when the upload itself cannot be read, so that the trigger retries", async () => {
  const failing: ByteSource = { ...bufferSource(gzipSync("x")), stream: () => Readable.from((async function* () { throw new Error("storage: 503"); })()) };
  await expect(readGzip(failing, "IM1.dcm.gz", DEFAULT_INGEST_LIMITS)).rejects.toThrow("storage: 503");
});

it("drops only a final .gz from the name", () => {
  expect(unwrappedName("a/IM1.dcm.GZ")).toBe("a/IM1.dcm");
  expect(unwrappedName("a/IM1")).toBe("a/IM1");
  expect(unwrappedName("a/.gz")).toBe("a/.gz");
});

const zipMR = path.resolve(__dirname, "..", "..", "..", "..", "..", "shared", "dicom-samples", "pydicom-test_files", "zipMR.gz");
(existsSync(zipMR) ? it : it.skip)("unwraps pydicom's zipMR.gz and reads the MR inside", async () => {
  const item = await read(readFileSync(zipMR), "zipMR.gz");
  expect(item).toMatchObject({ kind: "file", name: "zipMR" });
  expect(readInstanceMetadata((item as { bytes: Buffer }).bytes, "zipMR").instance.Modality).toBe("MR");
});
