import { DEFAULT_INGEST_LIMITS } from "../limits";
import type { ArchiveItem } from "../archive/archive-item";
import { bufferSource } from "../archive/byte-source";
import { readZipEntries } from "../archive/read-zip";
import { buildZip } from "../archive/testing/zip-fixtures";
import { readEntrySizes, splitIntoRanges } from "./plan-ranges";

const names = (items: ArchiveItem[]) => items.map((item) => (item.kind === "entries" ? `entries ${item.total}` : `${item.kind} ${"name" in item ? item.name : ""}`));

async function readAll(zip: Buffer, range?: { start: number; end: number }): Promise<ArchiveItem[]> {
  const items: ArchiveItem[] = [];
  for await (const item of readZipEntries(bufferSource(zip), "big.zip", DEFAULT_INGEST_LIMITS, undefined, range)) items.push(item);
  return items;
}

it("cuts an archive into consecutive ranges by entry count", () => {
  expect(splitIntoRanges([1, 1, 1, 1, 1, 1, 1], { maxEntries: 3, maxBytes: 1000 })).toEqual([
    { start: 0, end: 3 },
    { start: 3, end: 6 },
    { start: 6, end: 7 },
  ]);
});

it("cuts an archive into ranges by declared bytes, a huge entry making a range of its own", () => {
  expect(splitIntoRanges([40, 40, 40, 500, 10], { maxEntries: 100, maxBytes: 100 })).toEqual([
    { start: 0, end: 2 },
    { start: 2, end: 3 },
    { start: 3, end: 4 },
    { start: 4, end: 5 },
  ]);
});

it("keeps a small archive in one range, which means no fan-out", () => {
  expect(splitIntoRanges([5, 5], { maxEntries: 500, maxBytes: 1000 })).toEqual([{ start: 0, end: 2 }]);
  expect(splitIntoRanges([], { maxEntries: 500, maxBytes: 1000 })).toEqual([{ start: 0, end: 0 }]);
});

it("reads the entries' sizes from the central directory alone", async () => {
  const zip = await buildZip({ a: "x".repeat(10), b: "y".repeat(2000), c: "" });
  await expect(readEntrySizes(bufferSource(zip), 100)).resolves.toEqual([10, 2000, 0]);
  // Over the entry limit, or no directory: the single run reports it.
  await expect(readEntrySizes(bufferSource(zip), 2)).resolves.toBeNull();
  await expect(readEntrySizes(bufferSource(zip.subarray(0, zip.length - 30)), 100)).resolves.toBeNull();
});

it("reads only one range's entries, and the ranges together read every entry once", async () => {
  const files = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`IM${i}`, `bytes of ${i}`]));
  const zip = await buildZip(files);
  const whole = (await readAll(zip)).filter((item) => item.kind !== "entries");
  const parts = [];
  for (const range of splitIntoRanges(Array(7).fill(1), { maxEntries: 3, maxBytes: 100 })) parts.push(await readAll(zip, range));
  expect(names(parts[1]!)).toEqual(["entries 3", "file big.zip/IM3", "file big.zip/IM4", "file big.zip/IM5"]);
  expect(parts.flat().filter((item) => item.kind !== "entries")).toEqual(whole);
});
