import { bufferSource, type ByteSource } from "./archive/byte-source";
import type { ArchiveItem } from "./archive/archive-item";
import { buildZip } from "./archive/testing/zip-fixtures";
import { expandUpload } from "./expand-upload";
import { DEFAULT_INGEST_LIMITS, type IngestLimits } from "./limits";

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
