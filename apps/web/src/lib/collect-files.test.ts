import { collectDroppedFiles, collectInputFiles, mergeSelection } from "./collect-files";

/** Minimal stand-ins for the browser's FileSystemEntry objects. */
function fileEntry(fullPath: string, content = "x", error?: Error): FileSystemEntry {
  const name = fullPath.split("/").at(-1)!;
  return {
    isFile: true,
    isDirectory: false,
    name,
    fullPath,
    file: (resolve: (file: File) => void, reject: (error: Error) => void) => (error ? reject(error) : resolve(new File([content], name))),
  } as unknown as FileSystemEntry;
}

function directoryEntry(fullPath: string, children: FileSystemEntry[], batchSize = 2): FileSystemEntry {
  return {
    isFile: false,
    isDirectory: true,
    name: fullPath.split("/").at(-1)!,
    fullPath,
    createReader: () => {
      let offset = 0;
      return {
        readEntries: (resolve: (entries: FileSystemEntry[]) => void) => {
          resolve(children.slice(offset, offset + batchSize));
          offset += batchSize;
        },
      };
    },
  } as unknown as FileSystemEntry;
}

describe("collectDroppedFiles", () => {
  it("walks a dropped CD export, reading every batch of a large folder, with paths inside the drop", async () => {
    const images = Array.from({ length: 5 }, (_, i) => fileEntry(`/CD/DICOM/IM000${i + 1}`));
    const cd = directoryEntry("/CD", [fileEntry("/CD/DICOMDIR"), directoryEntry("/CD/DICOM", images)]);
    const { files, unreadable } = await collectDroppedFiles([cd, fileEntry("/notes.txt", "hello")]);
    expect(files.map((f) => f.relativePath)).toEqual([
      "CD/DICOMDIR",
      "CD/DICOM/IM0001",
      "CD/DICOM/IM0002",
      "CD/DICOM/IM0003",
      "CD/DICOM/IM0004",
      "CD/DICOM/IM0005",
      "notes.txt",
    ]);
    expect(files.at(-1)).toMatchObject({ size: 5 });
    expect(files.at(-1)?.file).toBeInstanceOf(File);
    expect(unreadable).toEqual([]);
  });

  it("keeps going past an unreadable file and says which one and why", async () => {
    const folder = directoryEntry("/Study", [fileEntry("/Study/IM1"), fileEntry("/Study/locked", "", new Error("permission denied")), fileEntry("/Study/IM2")]);
    const { files, unreadable } = await collectDroppedFiles([folder]);
    expect(files.map((f) => f.relativePath)).toEqual(["Study/IM1", "Study/IM2"]);
    expect(unreadable).toEqual([{ relativePath: "Study/locked", reason: "The browser could not read it (permission denied)." }]);
  });

  it("takes plain files when the browser gives no entries", async () => {
    const { files } = await collectDroppedFiles([new File(["abc"], "study.zip")]);
    expect(files).toEqual([expect.objectContaining({ relativePath: "study.zip", size: 3 })]);
  });
});

describe("collectInputFiles", () => {
  it("uses the path inside a chosen folder, else the name", () => {
    const inFolder = new File(["a"], "IM1");
    Object.defineProperty(inFolder, "webkitRelativePath", { value: "CD/DICOM/IM1" });
    const loose = new File(["bb"], "study.zip");
    expect(collectInputFiles([inFolder, loose]).map((f) => [f.relativePath, f.size])).toEqual([
      ["CD/DICOM/IM1", 1],
      ["study.zip", 2],
    ]);
  });
});

describe("mergeSelection", () => {
  it("adds a second pick in path order and counts a file chosen twice once", () => {
    const first = collectInputFiles([new File(["b"], "IM10", { lastModified: 1 }), new File(["a"], "IM1", { lastModified: 1 })]);
    const second = collectInputFiles([new File(["a"], "IM1", { lastModified: 1 }), new File(["cc"], "IM2", { lastModified: 2 })]);
    const merged = mergeSelection({ files: first, unreadable: [] }, { files: second, unreadable: [{ relativePath: "x", reason: "r" }] });
    expect(merged.files.map((f) => [f.relativePath, f.size])).toEqual([
      ["IM1", 1],
      ["IM2", 2],
      ["IM10", 1],
    ]);
    expect(merged.unreadable).toEqual([{ relativePath: "x", reason: "r" }]);
  });
});
