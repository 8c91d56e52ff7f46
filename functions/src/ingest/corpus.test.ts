import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { bufferSource } from "./archive/byte-source";
import { expandUpload } from "./expand-upload";
import { DEFAULT_INGEST_LIMITS } from "./limits";
import { readInstanceMetadata, SkippedInstanceError } from "./read-instance";

/**
 * Runs ingest's reading of a loose upload (unwrapping included, as for
 * pydicom's zipMR.gz) and its header reader over third-party files (pydicom's
 * test data, see ../shared/dicom-samples/README.md): each must give metadata
 * or a reason, never a crash. The folder is not in the repository, so the
 * suite is skipped where it is absent.
 */
const repoRoot = path.resolve(__dirname, "..", "..", "..");
const samplesRoot = path.join(repoRoot, "..", "shared", "dicom-samples");

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

const describeIfSamples = existsSync(samplesRoot) ? describe : describe.skip;
const title = existsSync(samplesRoot)
  ? `header reader over the sample corpus in ${samplesRoot}`
  : `header reader over the sample corpus (skipped: ${samplesRoot} is absent)`;

describeIfSamples(title, () => {
  const files = existsSync(samplesRoot) ? listFiles(samplesRoot) : [];
  const outcomes: string[] = [];

  afterAll(() => {
    const accepted = outcomes.filter((line) => line.startsWith("ok")).length;
    const skipped = outcomes.filter((line) => line.startsWith("skipped"));
    const undrawable = outcomes.filter((line) => line.includes("[undrawable: "));
    console.log(`corpus: ${accepted} of ${outcomes.length} files accepted; skipped:\n${skipped.join("\n")}\nimages the viewer cannot draw:\n${undrawable.join("\n")}`);
  });

  it.each(files.map((file) => [path.relative(samplesRoot, file), file]))("%s", async (name, file) => {
    const items = [];
    for await (const item of expandUpload(bufferSource(readFileSync(file)), name, DEFAULT_INGEST_LIMITS)) items.push(item);
    // The corpus holds no archives: each file is one item, a file to read or a problem already.
    expect(items).toHaveLength(1);
    const item = items[0]!;
    if (item.kind === "problem") return void outcomes.push(`skipped  ${name}  [${item.reason}] ${item.detail}`);
    if (item.kind !== "file") throw new Error(`${name}: expanded to a ${item.kind}`);
    try {
      const { instance, warnings, undrawable } = readInstanceMetadata(item.bytes, item.name);
      outcomes.push(`ok       ${name}  ${instance.Modality} ${warnings.join("; ")}${undrawable ? `[undrawable: ${undrawable}]` : ""}`);
    } catch (error) {
      expect(error).toBeInstanceOf(SkippedInstanceError);
      const skipped = error as SkippedInstanceError;
      outcomes.push(`skipped  ${name}  [${skipped.reason}] ${skipped.detail}`);
    }
  });

  it("recognises the known cases", () => {
    const outcome = (name: string) => outcomes.find((line) => line.includes(` ${name} `)) ?? "";
    expect(outcome("pydicom-test_files/CT_small.dcm")).toMatch(/^ok/);
    expect(outcome("pydicom-test_files/CT_small.dcm")).not.toMatch(/undrawable/);
    // A delimiter's bytes overwrote its SIZ marker: stored, but kept out of the viewer with the reason.
    expect(outcome("pydicom-test_files/JPEG2000-embedded-sequence-delimiter.dcm")).toMatch(/^ok .*\[undrawable: its JPEG 2000 stream is damaged/);
    expect(outcome("pydicom-test_files/image_dfl.dcm")).toMatch(/^ok/);
    expect(outcome("pydicom-test_files/dicomdirtests/DICOMDIR")).toMatch(/\[dicomdir\]/);
    expect(outcome("pydicom-palettes/hotiron.dcm")).toMatch(/\[no-patient\]/);
    expect(outcome("pydicom-test_files/README.txt")).toMatch(/\[not-dicom\]/);
    // MR_small.dcm, gzipped: unwrapped like any .dcm.gz upload.
    expect(outcome("pydicom-test_files/zipMR.gz")).toMatch(/^ok +\S+ +MR/);
  });

  it.each([
    ["chrGerm.dcm", "Äneas^Rüdiger"],
    ["chrRuss.dcm", "Люкceмбypг"],
    ["chrGreek.dcm", "Διονυσιος"],
    ["chrArab.dcm", "قباني^لنزار"],
    ["chrHbrw.dcm", "שרון^דבורה"],
    ["chrX1.dcm", "Wang^XiaoDong=王^小東="],
    ["chrX2.dcm", "Wang^XiaoDong=王^小东="],
    ["chrH31.dcm", "Yamada^Tarou=山田^太郎=やまだ^たろう"],
    ["chrH32.dcm", "ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう"],
    ["chrI2.dcm", "Hong^Gildong=洪^吉洞=홍^길동"],
  ])("decodes the patient name of %s", (name, expected) => {
    const bytes = readFileSync(path.join(samplesRoot, "pydicom-charset_files", name));
    expect(readInstanceMetadata(bytes, name).study.PatientName).toBe(expected);
  });
});
