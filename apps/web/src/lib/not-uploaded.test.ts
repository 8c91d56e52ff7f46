import { planUploads } from "./upload-plan";
import { preflightUpload } from "./upload-preflight";
import { readStorageQuota } from "./quota";
import { CANCELLED_REASON, LEFT_OUT_REASON, listNotUploaded } from "./not-uploaded";
import type { FileUploadState } from "./upload-run";

it("explains every chosen file that was not sent", () => {
  const preflight = preflightUpload(
    [
      { relativePath: "CD/.DS_Store", size: 6148 },
      { relativePath: "empty.dcm", size: 0 },
      { relativePath: "CD/IM1", size: 10 },
      { relativePath: "CD/IM2", size: 10 },
      { relativePath: "CD/IM3", size: 10 },
    ],
    readStorageQuota({}),
  );
  const [stored, failed, cancelled] = planUploads(preflight.accepted);
  const runFiles: FileUploadState[] = [
    { file: stored!, status: "done", bytesTransferred: 10, attempt: 1, error: null },
    { file: failed!, status: "failed", bytesTransferred: 0, attempt: 4, error: "The connection kept failing while sending this file." },
    { file: cancelled!, status: "cancelled", bytesTransferred: 0, attempt: 0, error: null },
  ];
  const unreadable = [{ relativePath: "CD/locked", reason: "The browser could not read it." }];

  expect(listNotUploaded(preflight, unreadable, runFiles)).toEqual([
    { relativePath: "empty.dcm", reason: expect.stringContaining("Empty file") },
    { relativePath: "CD/locked", reason: "The browser could not read it." },
    { relativePath: "CD/.DS_Store", reason: LEFT_OUT_REASON },
    { relativePath: "CD/IM2", reason: "The connection kept failing while sending this file." },
    { relativePath: "CD/IM3", reason: CANCELLED_REASON },
  ]);
});
