import { chunkReferences, MAX_REFERENCE_CHUNK_BYTES } from "./dicomdir-references";

const bytesOf = (chunk: string[]) => chunk.reduce((sum, name) => sum + Buffer.byteLength(name, "utf8") + 1, 0);

it("cuts a 100,000-file DICOMDIR list into chunks a Firestore document holds, keeping every name in order", () => {
  const names = Array.from({ length: 100_000 }, (_, i) => `CD/DICOM/ST000001/SE000001/IM${String(i).padStart(6, "0")}`);
  const chunks = chunkReferences(names);
  expect(chunks.length).toBeGreaterThan(1);
  for (const chunk of chunks) expect(bytesOf(chunk)).toBeLessThanOrEqual(MAX_REFERENCE_CHUNK_BYTES);
  expect(chunks.flat()).toEqual(names);
});

it("counts names by their UTF-8 bytes, as Firestore does", () => {
  // "Ü" is two bytes: three 4-byte names (+1 each) fill 15 bytes, so a limit of 12 holds two.
  expect(chunkReferences(["ÜÜ", "ÜÜ", "ÜÜ"], 12)).toEqual([["ÜÜ", "ÜÜ"], ["ÜÜ"]]);
  expect(chunkReferences([])).toEqual([]);
});
