import { FAIL_REASONS, SKIP_REASONS } from "@pacs/shared";
import { describeProblem, INGEST_REASON_LABELS } from "./ingest-reasons";

it("has words for every reason the server gives", () => {
  for (const reason of [...SKIP_REASONS, ...FAIL_REASONS]) expect(INGEST_REASON_LABELS[reason]).toMatch(/\w/);
});

it("says what happened to a file, why, and the server's detail", () => {
  expect(describeProblem({ file: "notes.txt", verdict: "skipped", reason: "not-dicom", detail: "a text file" })).toBe(
    "Skipped: Not a DICOM file (a text file)",
  );
  expect(describeProblem({ file: "CD/IM9", verdict: "failed", reason: "missing-from-upload", detail: "" })).toBe(
    "Failed: Listed in the DICOMDIR but not uploaded",
  );
});
