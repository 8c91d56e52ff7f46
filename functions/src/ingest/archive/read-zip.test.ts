import { DEFAULT_INGEST_LIMITS, type IngestLimits } from "../limits";
import type { ArchiveItem } from "./archive-item";
import { bufferSource } from "./byte-source";
import { readZipEntries } from "./read-zip";
import { buildZip, entryDataOffset, markEncrypted } from "./testing/zip-fixtures";

async function read(zip: Buffer, limits: Partial<IngestLimits> = {}): Promise<ArchiveItem[]> {
  const items: ArchiveItem[] = [];
  for await (const item of readZipEntries(bufferSource(zip), "study.zip", { ...DEFAULT_INGEST_LIMITS, ...limits })) items.push(item);
  return items;
}

function summarise(items: ArchiveItem[]) {
  return items.map((item) =>
    item.kind === "file" ? `file ${item.name} ${item.bytes.length}` : item.kind === "problem" ? `${item.reason} ${item.name}` : item.kind === "entries" ? `entries ${item.total}` : `container ${item.name}`,
  );
}

const bytes = (n: number, fill = 7) => new Uint8Array(n).fill(fill);
const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 24);

it("reads every entry with its size, prefixed by the archive's name", async () => {
  const zip = await buildZip({ "a/IM1": random(5000), "a/IM2": random(70_000), "b.txt": "hello" });
  expect(summarise(await read(zip))).toEqual(["entries 3", "file study.zip/a/IM1 5000", "file study.zip/a/IM2 70000", "file study.zip/b.txt 5"]);
});

it("cleans hostile names instead of trusting them", async () => {
  const zip = await buildZip({ "../../etc/passwd": "x", "/abs/IM1": "y", "a\\b\u0001c": "z" });
  const names = (await read(zip)).flatMap((item) => (item.kind === "file" ? [item.name] : []));
  expect(names).toEqual(["study.zip/etc/passwd", "study.zip/abs/IM1", "study.zip/a/bc"]);
});

it("reports an encrypted entry and still reads the others", async () => {
  const zip = markEncrypted(await buildZip({ "IM1": random(1000), "secret": random(1000), "IM3": random(1000) }), "secret");
  expect(summarise(await read(zip))).toEqual(["entries 3", "file study.zip/IM1 1000", "encrypted study.zip/secret", "file study.zip/IM3 1000"]);
});

it("refuses an entry that expands beyond the ratio limit as a zip bomb", async () => {
  const zip = await buildZip({ "bomb": bytes(8 * 1024 * 1024, 0), "IM1": random(2000) });
  expect(summarise(await read(zip, { ratioCheckFromBytes: 1024 * 1024 }))).toEqual(["entries 2", "zip-bomb study.zip/bomb", "file study.zip/IM1 2000"]);
});

it("refuses entries over the size limit and archives over the entry limit", async () => {
  const zip = await buildZip({ "big": random(5000), "small": random(10) });
  expect(summarise(await read(zip, { maxInstanceBytes: 4000 }))).toEqual(["entries 2", "too-large study.zip/big", "file study.zip/small 10"]);
  expect(summarise(await read(zip, { maxArchiveEntries: 1 }))).toEqual(["too-many-entries study.zip"]);
});

it("stops an archive that unpacks beyond the total limit, entry by entry", async () => {
  const zip = await buildZip({ "IM1": random(3000), "IM2": random(3000), "IM3": random(10) });
  expect(summarise(await read(zip, { maxArchiveUncompressedBytes: 5000 }))).toEqual([
    "entries 3",
    "file study.zip/IM1 3000",
    "archive-too-large study.zip/IM2",
    "file study.zip/IM3 10",
  ]);
});

it("reports damaged entry data by name and keeps the intact entries", async () => {
  const zip = await buildZip({ "IM1": random(4000), "IM2": random(4000), "IM3": random(4000) }, { compression: "STORE" });
  const damaged = Buffer.from(zip);
  damaged.writeUInt8(damaged.readUInt8(entryDataOffset(zip, "IM2") + 100) ^ 0xff, entryDataOffset(zip, "IM2") + 100);
  expect(summarise(await read(damaged))).toEqual(["entries 3", "file study.zip/IM1 4000", "corrupt-archive study.zip/IM2", "file study.zip/IM3 4000"]);
});

it("reads the entries before the cut of a truncated archive and names the cut one", async () => {
  const zip = await buildZip({ "IM1": random(4000), "IM2": random(4000), "IM3": random(4000) });
  const cut = zip.subarray(0, entryDataOffset(zip, "IM2") + 200);
  const items = summarise(await read(cut));
  expect(items).toEqual(["file study.zip/IM1 4000", "truncated study.zip/IM2", "truncated study.zip"]);
});

it("says so when the bytes are not an archive at all", async () => {
  expect(summarise(await read(Buffer.from("PK\u0003\u0004 but nothing else follows")))).toEqual(["corrupt-archive study.zip"]);
});

it("counts folder entries for progress without treating them as files", async () => {
  const JSZip = (await import("jszip")).default;
  const zip = new JSZip();
  zip.folder("DICOM");
  zip.file("DICOM/IM1", random(10));
  const items = summarise(await read(await zip.generateAsync({ type: "nodebuffer" })));
  expect(items).toEqual(["entries 2", "container study.zip/DICOM", "file study.zip/DICOM/IM1 10"]);
});

it("reads a many-entry archive with a few block reads, not one request per entry", async () => {
  const files = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`IM${i}`, random(3000)]));
  const zip = await buildZip(files);
  const source = bufferSource(zip);
  let reads = 0;
  const counting = { ...source, read: (start: number, end: number) => ((reads += 1), source.read(start, end)) };
  const items: ArchiveItem[] = [];
  for await (const item of readZipEntries(counting, "study.zip", DEFAULT_INGEST_LIMITS)) items.push(item);
  expect(items.filter((item) => item.kind === "file")).toHaveLength(300);
  // The whole archive fits in one 32 MiB block; the directory and the entries share it.
  expect(reads).toBeLessThanOrEqual(2);
}, 30_000);
