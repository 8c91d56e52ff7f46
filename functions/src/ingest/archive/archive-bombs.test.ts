import { gzipSync } from "node:zlib";
import { expandUpload } from "../expand-upload";
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from "../limits";
import { buildCtElements, buildDicomFile } from "../testing/build-dicom";
import type { ArchiveItem } from "./archive-item";
import { bufferSource } from "./byte-source";
import { buildZip, buildZipWithoutDirectory } from "./testing/zip-fixtures";

const MiB = 1024 * 1024;

async function expand(bytes: Buffer, limits: Partial<IngestLimits> = {}): Promise<ArchiveItem[]> {
  const items: ArchiveItem[] = [];
  for await (const item of expandUpload(bufferSource(bytes), "upload.zip", { ...DEFAULT_INGEST_LIMITS, ...limits })) items.push(item);
  return items;
}

function summarise(items: ArchiveItem[]): string[] {
  return items.filter((item) => item.kind === "file" || item.kind === "problem").map((item) => (item.kind === "file" ? `file ${item.name}` : `${item.reason} ${item.name}`));
}

/** Deterministic bytes that do not compress. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length);
  let state = seed;
  for (let i = 0; i < length; i++) out[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
  return out;
}

describe("the no-central-directory fallback", () => {
  it("a zip bomb in an archive without its directory is refused by its ratio after a few MB, and the entry before it is kept", async () => {
    const zip = await buildZipWithoutDirectory([
      { name: "IM1", data: noise(1000, 1) },
      { name: "bomb", zeroMebibytes: 1000 },
    ]);
    expect(zip.length).toBeLessThan(2 * MiB);
    const items = await expand(zip);
    expect(summarise(items)).toEqual(["file upload.zip/IM1", "zip-bomb upload.zip/bomb", "truncated upload.zip"]);
    const bomb = items.find((item) => item.kind === "problem" && item.reason === "zip-bomb") as { detail: string };
    expect(bomb.detail).toMatch(/^the entry expands \d+:1 .* more than the 200:1 accepted; this looks like a zip bomb/);
    const inflatedMB = Number(/to ([\d.]+) MB when unpacking was stopped/.exec(bomb.detail)?.[1]);
    expect(inflatedMB).toBeLessThan(20);
  }, 60_000);
});

describe("nested archives share the limits of the upload", () => {
  const files = (prefix: string, count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, noise(3000, i + 1)]));

  it("a zip of zips cannot reset the entry limit", async () => {
    const outer = await buildZip({ "a.zip": await buildZip(files("A", 4)), "b.zip": await buildZip(files("B", 4)), "c.zip": await buildZip(files("C", 4)) });
    // 3 outer entries + 4 in a.zip = 7; b.zip's 4 more would be 11.
    const summary = summarise(await expand(outer, { maxArchiveEntries: 10 }));
    expect(summary.filter((line) => line.startsWith("file"))).toHaveLength(4);
    expect(summary).toContain("too-many-entries upload.zip/b.zip");
    expect(summary).toContain("too-many-entries upload.zip/c.zip");
  });

  it("a zip of zips cannot reset the total-size limit", async () => {
    const outer = await buildZip({ "a.zip": await buildZip(files("A", 2)), "b.zip": await buildZip(files("B", 2)) });
    const limit = 15_000;
    const items = await expand(outer, { maxArchiveUncompressedBytes: limit });
    const unpacked = items.reduce((sum, item) => sum + (item.kind === "file" ? item.bytes.length : 0), 0);
    expect(unpacked).toBeLessThanOrEqual(limit);
    expect(summarise(items).some((line) => line.startsWith("archive-too-large"))).toBe(true);
  });

  it("gzip files inside an archive count what they unwrap to against the archive's total", async () => {
    const dicom = buildDicomFile(buildCtElements(), { pixelData: new Uint8Array(3 * MiB) });
    const outer = await buildZip({ "IM1.dcm.gz": gzipSync(dicom) });
    expect(outer.length).toBeLessThan(MiB);
    expect(summarise(await expand(outer, { maxArchiveUncompressedBytes: MiB }))).toEqual(["archive-too-large upload.zip/IM1.dcm.gz"]);
  });
});
