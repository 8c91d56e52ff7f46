import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import * as path from "node:path";
import { readInstanceMetadata, SkippedInstanceError } from "./read-instance";

/**
 * Runs ingest's header reader over third-party files (pydicom's test data,
 * see ../shared/dicom-samples/README.md): each must give metadata or a
 * SkippedInstanceError, never a crash. The folder is not in the repository,
 * so the suite is skipped where it is absent.
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
    console.log(`corpus: ${accepted} of ${outcomes.length} files accepted; skipped:\n${skipped.join("\n")}`);
  });

  it.each(files.map((file) => [path.relative(samplesRoot, file), file]))("%s", (name, file) => {
    try {
      const { instance, warnings } = readInstanceMetadata(readFileSync(file), name);
      outcomes.push(`ok       ${name}  ${instance.Modality} ${warnings.join("; ")}`);
    } catch (error) {
      expect(error).toBeInstanceOf(SkippedInstanceError);
      const skipped = error as SkippedInstanceError;
      outcomes.push(`skipped  ${name}  [${skipped.reason}] ${skipped.detail}`);
    }
  });

  it("recognises the known cases", () => {
    const outcome = (name: string) => outcomes.find((line) => line.includes(` ${name} `)) ?? "";
    expect(outcome("pydicom-test_files/CT_small.dcm")).toMatch(/^ok/);
    expect(outcome("pydicom-test_files/image_dfl.dcm")).toMatch(/^ok/);
    expect(outcome("pydicom-test_files/dicomdirtests/DICOMDIR")).toMatch(/\[dicomdir\]/);
    expect(outcome("pydicom-palettes/hotiron.dcm")).toMatch(/\[no-patient\]/);
    expect(outcome("pydicom-test_files/README.txt")).toMatch(/\[not-dicom\]/);
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
