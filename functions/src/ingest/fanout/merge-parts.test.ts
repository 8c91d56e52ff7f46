import { MAX_BATCH_PROBLEMS, type UploadProblem } from "@pacs/shared";
import type { ArchivePart } from "./archive-record";
import { keepProblems, mergeParts } from "./merge-parts";

const problem = (file: string): UploadProblem => ({ file, verdict: "skipped", reason: "not-dicom", detail: "not DICOM" });

function part(overrides: Partial<ArchivePart>): ArchivePart {
  return {
    counts: { stored: 0, duplicate: 0, skipped: 0, failed: 0 },
    problems: [],
    problemsOmitted: 0,
    studyInstanceUIDs: [],
    bytes: 0,
    presentChunks: 1,
    dicomdirs: [],
    completedAt: new Date(0),
    ...overrides,
  };
}

it("adds the parts of an archive up in archive order, as one run would report them", () => {
  const merged = mergeParts(
    [
      part({ counts: { stored: 8, duplicate: 0, skipped: 1, failed: 0 }, problems: [problem("a")], studyInstanceUIDs: ["1.2", "1.3"], bytes: 800 }),
      part({ counts: { stored: 7, duplicate: 1, skipped: 0, failed: 0 }, studyInstanceUIDs: ["1.3", "1.4"], bytes: 700 }),
      part({ counts: { stored: 0, duplicate: 0, skipped: 1, failed: 0 }, problems: [problem("b")], problemsOmitted: 3 }),
    ],
    [{ file: "IM9", verdict: "failed", reason: "missing-from-upload", detail: "listed" }],
  );
  expect(merged).toEqual({
    counts: { stored: 15, duplicate: 1, skipped: 2, failed: 0 },
    problems: [problem("a"), problem("b"), { file: "IM9", verdict: "failed", reason: "missing-from-upload", detail: "listed" }],
    problemsOmitted: 3,
    studyInstanceUIDs: ["1.2", "1.3", "1.4"],
    bytes: 1500,
    deferredReferences: null,
  });
});

it("keeps a part's first problems, as many as a batch lists and as fit its document, and counts the rest", () => {
  const many = Array.from({ length: MAX_BATCH_PROBLEMS + 20 }, (_, i) => problem(`f${i}`));
  expect(keepProblems(many)).toEqual({ problems: many.slice(0, MAX_BATCH_PROBLEMS), problemsOmitted: 20 });
  const long = Array.from({ length: 10 }, (_, i) => problem(`${i}`.padEnd(1000, "x")));
  const kept = keepProblems(long, 3500);
  expect(kept.problems).toEqual(long.slice(0, 3));
  expect(kept.problemsOmitted).toBe(7);
});
