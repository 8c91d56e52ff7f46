import { gzipSync } from "node:zlib";
import { bufferSource, type ByteSource } from "./archive/byte-source";
import type { ArchiveItem } from "./archive/archive-item";
import { buildZip } from "./archive/testing/zip-fixtures";
import { expandUpload } from "./expand-upload";
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from "./limits";
import { readInstanceMetadata } from "./read-instance";
import { buildCtElements, buildDicomFile } from "./testing/build-dicom";

function countingSource(bytes: Uint8Array) {
  const source = bufferSource(bytes);
  const reads: Array<[number, number]> = [];
  const counted: ByteSource = { ...source, read: (start, end) => (reads.push([start, end]), source.read(start, end)) };
  return { counted, reads };
}

async function expand(source: ByteSource, name: string, limits: Partial<IngestLimits> = {}) {
  const items: ArchiveItem[] = [];
  for await (const item of expandUpload(source, name, { ...DEFAULT_INGEST_LIMITS, ...limits })) items.push(item);
  return items.map((item) => (item.kind === "file" ? `file ${item.name}` : item.kind === "problem" ? `${item.reason} ${item.name}` : item.kind));
}

it("fetches a small archive in one read after sniffing its first bytes", async () => {
  const zip = await buildZip({ IM1: "a", IM2: "b" });
  const { counted, reads } = countingSource(zip);
  expect(await expand(counted, "s.zip")).toEqual(["entries", "file s.zip/IM1", "file s.zip/IM2"]);
  expect(reads).toEqual([[0, 4], [0, zip.length]]);
});

it("tells files by their bytes, not their names", async () => {
  const zip = await buildZip({ IM1: "a" });
  expect(await expand(bufferSource(zip), "named.dcm")).toEqual(["entries", "file named.dcm/IM1"]);
  expect(await expand(bufferSource(Buffer.from("not a zip")), "named.zip")).toEqual(["file named.zip"]);
  expect(await expand(bufferSource(new Uint8Array(0)), "empty.dcm")).toEqual(["not-dicom empty.dcm"]);
});

it("unpacks one level of nested archives and refuses a second", async () => {
  const deepest = await buildZip({ IM9: "z" });
  const inner = await buildZip({ IM2: "b", "deeper.zip": deepest });
  const outer = await buildZip({ IM1: "a", "inner.zip": inner });
  expect(await expand(bufferSource(outer), "o.zip")).toEqual([
    "entries",
    "file o.zip/IM1",
    "entries",
    "file o.zip/inner.zip/IM2",
    "nested-too-deep o.zip/inner.zip/deeper.zip",
    "container",
  ]);
});

describe("gzip-wrapped DICOM", () => {
  const dicom = (sop: string) => buildDicomFile(buildCtElements([{ tag: "00080018", vr: "UI", value: sop }]));

  it("ingests a loose .dcm.gz as the DICOM instance it wraps, with its metadata", async () => {
    const items: ArchiveItem[] = [];
    for await (const item of expandUpload(bufferSource(gzipSync(dicom("1.2.3.4"))), "scans/IM1.dcm.gz", DEFAULT_INGEST_LIMITS)) items.push(item);
    expect(items).toEqual([{ kind: "file", name: "scans/IM1.dcm", bytes: Buffer.from(dicom("1.2.3.4")) }]);
    const { instance, study } = readInstanceMetadata((items[0] as { bytes: Buffer }).bytes, "scans/IM1.dcm");
    expect(instance).toMatchObject({ SOPInstanceUID: "1.2.3.4", Modality: "CT" });
    expect(study.PatientID).toBe("PID-1");
  });

  it("decides by content: gzip bytes under any name are unwrapped, a .gz name on plain bytes is not", async () => {
    expect(await expand(bufferSource(gzipSync(dicom("1.2.3.4"))), "IM0001")).toEqual(["file IM0001"]);
    expect(await expand(bufferSource(dicom("1.2.3.4")), "IM0001.dcm.gz")).toEqual(["file IM0001.dcm.gz"]);
  });

  it("unwraps gzip entries of a ZIP and of a ZIP inside it, with the entries' limits", async () => {
    const inner = await buildZip({ "IM3.dcm.gz": gzipSync(dicom("1.2.3.6")) });
    const zip = await buildZip({ "IM1.dcm.gz": gzipSync(dicom("1.2.3.4")), "bomb.dcm.gz": gzipSync(Buffer.alloc(8 * 1024 * 1024)), "inner.zip": inner });
    expect(await expand(bufferSource(zip), "s.zip")).toEqual([
      "entries",
      "file s.zip/IM1.dcm",
      "zip-bomb s.zip/bomb.dcm.gz",
      "entries",
      "file s.zip/inner.zip/IM3.dcm",
      "container",
    ]);
  });

  it("refuses a loose gzip that unwraps past the instance limit, though it is small itself", async () => {
    const gz = gzipSync(Buffer.alloc(2 * 1024 * 1024, 1));
    expect(await expand(bufferSource(gz), "big.dcm.gz", { maxInstanceBytes: 1024 * 1024, maxCompressionRatio: Infinity })).toEqual(["too-large big.dcm.gz"]);
  });
});
