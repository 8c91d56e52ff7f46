import { MAX_BATCH_FILES, UPLOAD_CONTENT_TYPES, UploadFileId } from "@pacs/shared";
import { buildUploadFileId, chooseContentType, planUploads } from "./upload-plan";

describe("buildUploadFileId", () => {
  it("numbers files from f000001 in batch order", () => {
    expect(buildUploadFileId(0)).toBe("f000001");
    expect(buildUploadFileId(41)).toBe("f000042");
  });

  it("stays a valid, sortable id for the largest batch", () => {
    const last = buildUploadFileId(MAX_BATCH_FILES - 1);
    expect(UploadFileId.safeParse(last).success).toBe(true);
    expect(buildUploadFileId(9) < buildUploadFileId(10)).toBe(true);
  });

  it("refuses what is not an index", () => {
    expect(() => buildUploadFileId(-1)).toThrow("buildUploadFileId");
  });
});

describe("chooseContentType", () => {
  it.each([
    ["study.zip", "application/zip"],
    ["STUDY.ZIP", "application/zip"],
    ["CT/IM0001.dcm", "application/dicom"],
    ["scan.DICOM", "application/dicom"],
    ["CD/DICOM/IM0001", "application/octet-stream"],
    ["CD/DICOMDIR", "application/octet-stream"],
    ["report.pdf", "application/octet-stream"],
  ])("labels %p as %p", (path, type) => {
    expect(chooseContentType(path)).toBe(type);
    expect(UPLOAD_CONTENT_TYPES).toContain(type);
  });
});

it("plans each file with its id, type and the path the user knows it by", () => {
  const file = { relativePath: "CD/DICOM/IM0001", size: 10, extra: "kept" };
  expect(planUploads([file, { relativePath: "b.zip", size: 5 }])).toEqual([
    { ...file, fileId: "f000001", contentType: "application/octet-stream", metadata: { relativePath: "CD/DICOM/IM0001" } },
    { relativePath: "b.zip", size: 5, fileId: "f000002", contentType: "application/zip", metadata: { relativePath: "b.zip" } },
  ]);
});
