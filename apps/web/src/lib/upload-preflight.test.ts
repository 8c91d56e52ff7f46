import { MAX_BATCH_FILES, MAX_UPLOAD_FILE_BYTES } from "@pacs/shared";
import { isHiddenSystemFile, preflightUpload } from "./upload-preflight";
import { readStorageQuota } from "./quota";

const roomy = readStorageQuota({});

describe("preflightUpload", () => {
  it("accepts ordinary files and adds up their size", () => {
    const files = [
      { relativePath: "CD/DICOMDIR", size: 2_000 },
      { relativePath: "CD/DICOM/IM0001", size: 500_000 },
      { relativePath: "study.zip", size: 80_000_000 },
    ];
    const result = preflightUpload(files, roomy);
    expect(result.accepted).toEqual(files);
    expect(result.acceptedBytes).toBe(80_502_000);
    expect(result).toMatchObject({ refused: [], leftOut: [], batchError: null });
  });

  it("refuses empty and oversized files one by one, with the reason", () => {
    const empty = { relativePath: "empty.dcm", size: 0 };
    const huge = { relativePath: "huge.zip", size: MAX_UPLOAD_FILE_BYTES + 1 };
    const fine = { relativePath: "IM0001", size: 10 };
    const result = preflightUpload([empty, huge, fine], roomy);
    expect(result.accepted).toEqual([fine]);
    expect(result.refused).toEqual([
      { file: empty, reason: expect.stringContaining("Empty file (0 bytes)") },
      { file: huge, reason: expect.stringContaining("Larger than the 2.1 GB limit for one file") },
    ]);
    expect(result.batchError).toBeNull();
  });

  it("accepts a file of exactly the largest size", () => {
    const result = preflightUpload([{ relativePath: "big.zip", size: MAX_UPLOAD_FILE_BYTES }], roomy);
    expect(result.refused).toEqual([]);
  });

  it("refuses a path too long for the server to record", () => {
    const result = preflightUpload([{ relativePath: `${"a/".repeat(600)}IM1`, size: 1 }], roomy);
    expect(result.refused[0]?.reason).toMatch("longer than 1024 characters");
  });

  it("lists operating-system files as left out instead of uploading them", () => {
    const files = [".DS_Store", "CD/Thumbs.db", "CD/desktop.ini", "__MACOSX/CD/._IM1", "CD/._IM1", "CD/IM1"].map(
      (relativePath) => ({ relativePath, size: 4096 }),
    );
    const result = preflightUpload(files, roomy);
    expect(result.accepted.map((f) => f.relativePath)).toEqual(["CD/IM1"]);
    expect(result.leftOut).toHaveLength(5);
    expect(result.acceptedBytes).toBe(4096);
  });

  it("refuses the whole batch when it does not fit in the free storage", () => {
    const quota = readStorageQuota({ usedBytes: 9_700_000_000 });
    const result = preflightUpload([{ relativePath: "a.zip", size: 200_000_000 }, { relativePath: "b.zip", size: 200_000_000 }], quota);
    expect(result.accepted).toHaveLength(2);
    expect(result.batchError).toBe(
      "These files need 400 MB, but only 300 MB of your 10 GB storage is free (9.7 GB used). Choose fewer files.",
    );
  });

  it("allows a batch that fills the storage exactly", () => {
    const quota = readStorageQuota({ usedBytes: 0, quotaBytes: 1_000 });
    expect(preflightUpload([{ relativePath: "a", size: 1_000 }], quota).batchError).toBeNull();
  });

  it("refuses more files than one batch may hold", () => {
    const files = Array.from({ length: MAX_BATCH_FILES + 1 }, (_, i) => ({ relativePath: `IM${i}`, size: 1 }));
    expect(preflightUpload(files, roomy).batchError).toBe("These are 20,001 files; upload at most 20,000 at a time, or zip the folder first.");
  });
});

describe("isHiddenSystemFile", () => {
  it.each(["DICOM/IM0001", "DICOMDIR", "study.zip", "My Thumbs.db.dcm", "MACOSX/IM1"])("keeps %p", (path) => {
    expect(isHiddenSystemFile(path)).toBe(false);
  });
});
