import { spawn } from "node:child_process";
import { randomFillSync } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { buildZip } from "./archive/testing/zip-fixtures";
import { buildDeflatedDicomBomb } from "./testing/build-deflate-bomb";
import { buildCtElements, buildDicomFile } from "./testing/build-dicom";

/**
 * The emulator sets no memory limit, so only a measurement shows whether the
 * ingest fits the function it is deployed as. Each upload is ingested by the
 * pure path in a child process (testing/measure-ingest.ts) and its peak
 * resident set is held to the deployed memory.
 */
const MiB = 1024 * 1024;
const deployedMiB = (() => {
  const index = readFileSync(path.resolve(__dirname, "..", "index.ts"), "utf8");
  const match = /ingestUpload = onObjectFinalized\(\{ memory: "(\d+)GiB"/.exec(index);
  if (!match) throw new Error("functions/src/index.ts: ingestUpload's memory option not found");
  return Number(match[1]) * 1024;
})();

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "ingest-memory-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function measure(file: string): Promise<{ peakBytes: number; verdicts: string[] }> {
  const args = [`--max-old-space-size=${deployedMiB}`, "-r", path.join(__dirname, "testing", "register-ts.js"), path.join(__dirname, "testing", "measure-ingest.ts"), file];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`measure-ingest ended with ${code ?? signal}: ${err}`))));
  });
}

/** A 2048×2048 16-bit CT slice (8 MiB of pixels that do not compress), in the given encoding. */
function buildLargeCt(index: number, encoding: "explicit" | "deflated"): Uint8Array {
  const pixels = randomFillSync(new Uint8Array(2048 * 2048 * 2));
  const elements = buildCtElements([
    { tag: "00080018", vr: "UI", value: `1.2.826.0.1.3680043.10.9.${index}` },
    { tag: "00280010", vr: "US", value: 2048 },
    { tag: "00280011", vr: "US", value: 2048 },
  ]);
  return buildDicomFile(elements, { encoding, pixelData: pixels });
}

it(`a deflate bomb (1.2 GB from 1.2 MB) is ingested within the deployed memory and refused as a zip bomb`, async () => {
  const file = path.join(dir, "bomb.dcm");
  writeFileSync(file, await buildDeflatedDicomBomb(1150));
  const { peakBytes, verdicts } = await measure(file);
  expect(verdicts).toEqual(["zip-bomb upload"]);
  expect(peakBytes).toBeLessThan(deployedMiB * MiB);
}, 600_000);

it("a large normal upload (a 150 MB archive of 8 MiB slices, some deflated) is ingested within the deployed memory", async () => {
  const entries: Record<string, Uint8Array> = {};
  for (let i = 0; i < 18; i++) entries[`CT/IM${i}.dcm`] = buildLargeCt(i, i % 6 === 0 ? "deflated" : "explicit");
  const file = path.join(dir, "large.zip");
  const zip = await buildZip(entries, { compression: "STORE" });
  expect(zip.length).toBeGreaterThan(128 * MiB); // past wholeArchiveReadBytes: read by ranges, as big uploads are
  writeFileSync(file, zip);
  const { peakBytes, verdicts } = await measure(file);
  expect(verdicts.filter((verdict) => verdict.startsWith("stored"))).toHaveLength(18);
  expect(peakBytes).toBeLessThan(deployedMiB * MiB);
}, 600_000);
