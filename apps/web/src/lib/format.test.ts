import { formatBytes, formatCount, formatDateTime, formatDicomDate, formatPersonName, formatQuantity } from "./format";

describe("formatBytes", () => {
  it.each([
    [0, "0 B"],
    [999, "999 B"],
    [1_000, "1 kB"],
    [1_234, "1.2 kB"],
    [340_000_000, "340 MB"],
    [1_200_000_000, "1.2 GB"],
    [10_000_000_000, "10 GB"],
    [999_960, "1 MB"],
    [2 * 1024 * 1024 * 1024, "2.1 GB"],
  ])("%p bytes reads %p", (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it("refuses what is not a byte count", () => {
    expect(() => formatBytes(-1)).toThrow("formatBytes");
    expect(() => formatBytes(Number.NaN)).toThrow("formatBytes");
  });
});

describe("formatPersonName", () => {
  it.each([
    ["Doe^Jane", "Doe, Jane"],
    ["Doe^Jane^Ann^Dr^MD", "Doe, Dr Jane Ann, MD"],
    ["Doe", "Doe"],
    ["Doe^", "Doe"],
    ["^Jane", "Jane"],
    ["Yamada^Tarou=山田^太郎=やまだ^たろう", "Yamada, Tarou"],
    ["=山田^太郎", "山田, 太郎"],
    ["ANONYMOUS", "ANONYMOUS"],
    ["", ""],
    [undefined, ""],
  ])("%p reads %p", (value, text) => {
    expect(formatPersonName(value)).toBe(text);
  });
});

describe("formatDicomDate", () => {
  it.each([
    ["20240131", "2024-01-31"],
    ["2024.01.31", "2024-01-31"],
    ["2024", "2024"],
    ["", ""],
    [undefined, ""],
  ])("%p reads %p", (value, text) => {
    expect(formatDicomDate(value)).toBe(text);
  });
});

it("groups thousands in counts", () => {
  expect(formatCount(20000)).toBe("20,000");
});

it("says one file, or many files", () => {
  expect([0, 1, 2000].map((n) => formatQuantity(n, "file"))).toEqual(["0 files", "1 file", "2,000 files"]);
  expect(formatQuantity(2, "series", "series")).toBe("2 series");
});

describe("formatDateTime", () => {
  it("gives a medium date and a short time", () => {
    expect(formatDateTime(new Date(2026, 10, 23, 6, 10, 36), "en-US")).toBe("Nov 23, 2026, 6:10 AM");
  });
});
