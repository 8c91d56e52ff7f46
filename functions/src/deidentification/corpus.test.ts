import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { dateShiftDays, findBurnedInTextReason, readBurnedInTextFields, remapUid } from "./index";
import { comparePixelData, findLeaks, isDigitsInRemappedUid, isKeptAttributeCoincidence, listUidOccurrences, readTopLevel } from "./testing/corpus-checks";
import { dumpFiles, findNewDiagnostics, hasTool, readDumpValue, type DumpResult } from "./testing/corpus-dcmtk";
import { EXPECTED_REFUSALS } from "./testing/corpus-expected";
import { findIdentifyingValues } from "./testing/corpus-identifying-values";
import { checkDateShift, findUnlistedPrivate } from "./testing/corpus-private-and-dates";
import { readRawDataSet } from "./testing/corpus-read-data-set";
import { checkIndependentPixels, INDEPENDENT_PIXEL_SUBSET } from "./testing/corpus-independent-pixels";
import { ALL_OPTIONS, buildPlan, NO_OPTIONS, median, PSEUDONYM, runCorpus, runEngine, samplesPresent, samplesRoot, type CorpusOutcome } from "./testing/corpus-run";
import { loadListedTags, loadRemappedUidTags } from "./testing/corpus-table";
import { checkStudyUids, type StudyMember } from "./testing/corpus-uid-references";

/**
 * The engine over third-party files (../shared/dicom-samples, absent from the
 * repository, so skipped without it): every file it accepts comes out readable
 * by dcmtk, with its pixel data element byte for byte, without the patient's
 * identifying values anywhere in its bytes, and with UIDs remapped so that
 * references inside each study still resolve. The figures for the note are
 * printed at the end (docs/deidentification.md quotes them).
 */
const describeIfSamples = samplesPresent && hasTool("dcmdump") ? describe : describe.skip;
const title = samplesPresent ? `de-identification over the sample corpus in ${samplesRoot}` : `de-identification over the sample corpus (skipped: ${samplesRoot} is absent)`;

/** Where PixelData starts in the file (the whole file for a deflated data set, whose offsets are inflated ones). */
function findHeaderEnd(original: NonNullable<CorpusOutcome["original"]>, fileLength: number): number {
  const pixels = original.elements.find((element) => element.depth === 0 && element.tag === "7FE00010");
  if (!pixels || original.transferSyntaxUID === "1.2.840.10008.1.2.1.99") return fileLength;
  return fileLength - original.body.length + pixels.start;
}

const FIGURES_FILE = path.resolve(__dirname, "..", "..", "..", ".cache", "deidentification-corpus.json");
const RUN_NAMES = ["defaults", "basic profile alone", "every option"];

describeIfSamples(title, () => {
  // Made in beforeAll: a skipped describe still runs its body.
  let work = "";
  let outcomes: CorpusOutcome[] = [];
  let accepted: Array<CorpusOutcome & { result: NonNullable<CorpusOutcome["result"]>; outputPath: string }> = [];
  let dumps = new Map<string, DumpResult>();
  let failedDumpBatches: string[] = [];
  const figures: Record<string, unknown> = {};

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), "deid-corpus-"));
    outcomes = runCorpus(work);
    accepted = outcomes.filter((outcome): outcome is (typeof accepted)[number] => outcome.result !== undefined && outcome.outputPath !== undefined);
    const dumped = await dumpFiles([...accepted.map((outcome) => outcome.file), ...accepted.map((outcome) => outcome.outputPath)]);
    dumps = dumped.results;
    failedDumpBatches = dumped.failedBatches;
    figures.dcmdumpCalls = dumped.calls;
  }, 120_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    const changed = accepted.map((outcome) => outcome.result.changed);
    Object.assign(figures, {
      files: outcomes.length,
      deidentified: accepted.length,
      refused: outcomes.filter((outcome) => outcome.refusal).map((outcome) => `${outcome.name}: ${outcome.refusal}`),
      bytesIn: accepted.reduce((sum, outcome) => sum + outcome.bytes.length, 0),
      bytesOut: accepted.reduce((sum, outcome) => sum + outcome.result.bytes.length, 0),
      attributesChanged: { total: changed.reduce((a, b) => a + b, 0), min: Math.min(...changed), median: median(changed), max: Math.max(...changed) },
    });
    console.log(`de-identification corpus figures:\n${JSON.stringify(figures, null, 2)}`);
    // scripts/deidentification-corpus.mjs prints them for the docs.
    mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
    writeFileSync(FIGURES_FILE, `${JSON.stringify(figures, null, 2)}\n`);
  });

  it("refuses exactly the malformed and unsupported files, each with a reason, and never crashes", () => {
    expect(outcomes.filter((outcome) => outcome.crash).map((outcome) => `${outcome.name}: ${outcome.crash}`)).toEqual([]);
    const refused = Object.fromEntries(outcomes.filter((outcome) => outcome.refusal !== undefined).map((outcome) => [outcome.name, outcome.refusal]));
    expect(Object.keys(refused).sort()).toEqual(Object.keys(EXPECTED_REFUSALS).sort());
    const wrongReasons = Object.entries(refused).filter(([name, message]) => !EXPECTED_REFUSALS[name]?.message.test(message ?? ""));
    expect(wrongReasons).toEqual([]);
    expect(accepted.length).toBeGreaterThan(100);
  });

  it("writes files dcmdump reads without an error or a warning the original did not have", () => {
    const problems = accepted.flatMap((outcome) => {
      const dump = dumps.get(outcome.outputPath)!;
      const fresh = findNewDiagnostics(dumps.get(outcome.file), dump);
      return dump.code !== 0 || fresh.length ? [`${outcome.name}: exit ${dump.code} ${fresh.join(" | ")}`] : [];
    });
    expect(problems).toEqual([]);
    expect(failedDumpBatches).toEqual([]);
    figures.filesDumped = dumps.size;
  });

  it("marks every copy PatientIdentityRemoved YES, with the pseudonym and the method codes, as dcmdump reads it", () => {
    const problems = accepted.flatMap((outcome) => {
      const dump = dumps.get(outcome.outputPath)!.stdout;
      const seen = [readDumpValue(dump, "00120062"), readDumpValue(dump, "00100010"), readDumpValue(dump, "00100020")];
      // CID 7050 codes in DeidentificationMethodCodeSequence: the basic profile and, with the defaults, the modified-dates option only.
      const codes = [...dump.matchAll(/\(0008,0100\) SH \[(1131\d\d)\]/g)].map((match) => match[1]).join(",");
      const wrongValues = seen.join("|") === `YES|${PSEUDONYM}|${PSEUDONYM}` ? [] : [`${outcome.name}: ${seen.join("|")}`];
      return codes === "113100,113107" ? wrongValues : [...wrongValues, `${outcome.name}: method codes ${codes}`];
    });
    expect(problems).toEqual([]);
  });

  it("carries every pixel data element byte for byte (native and encapsulated, items and delimiter included)", () => {
    let bytes = 0;
    let withPixels = 0;
    const problems = accepted.flatMap((outcome) => {
      if (!outcome.output || !outcome.original) return [`${outcome.name}: unreadable (${outcome.outputProblem ?? outcome.originalProblem})`];
      const comparison = comparePixelData(outcome.original, outcome.output);
      bytes += comparison.bytes;
      if (comparison.bytes > 0) withPixels++;
      return comparison.problem ? [`${outcome.name}: ${comparison.problem}`] : [];
    });
    expect(problems).toEqual([]);
    figures.pixelBytesCompared = bytes;
    figures.pixelElementsCompared = withPixels;
  });

  it("leaves no identifying value of the original anywhere in the output bytes, with the default options, the basic profile alone and every option on", () => {
    let searched = 0;
    let values = 0;
    const listedTags = loadListedTags();
    const coincidences = new Set<string>();
    const chanceInUids = new Set<string>();
    const leaks = accepted.flatMap((outcome) => {
      if (!outcome.original) return [`${outcome.name}: original unreadable`];
      const identifying = findIdentifyingValues(outcome.original, PSEUDONYM);
      values += identifying.length;
      const runs = [outcome.result, runEngine({ ...outcome.plan, options: NO_OPTIONS }, outcome.bytes).result, runEngine({ ...outcome.plan, options: ALL_OPTIONS }, outcome.bytes).result];
      return runs.flatMap((result, run) => {
        if (!result) return [`${outcome.name}: refused with ${RUN_NAMES[run]}`];
        const output = readRawDataSet(result.bytes);
        searched += result.bytes.length + (output.body.buffer === result.bytes.buffer ? 0 : output.body.length);
        return findLeaks(result.bytes, output, identifying).flatMap((leak) => {
          const line = `${outcome.name} (${RUN_NAMES[run]}): ${leak.value.attribute} "${leak.value.text}" in ${leak.where}`;
          if (isDigitsInRemappedUid(leak)) chanceInUids.add(line);
          else if (isKeptAttributeCoincidence(leak, outcome.original!, output, listedTags)) coincidences.add(line);
          else return [line];
          return [];
        });
      });
    });
    expect(leaks).toEqual([]);
    figures.identifyingValuesSearched = values;
    figures.sameTextInKeptAttributes = [...coincidences];
    figures.digitsFoundInRemappedUids = chanceInUids.size;
    figures.bytesSearched = searched;
  });

  it("removes every private attribute, and keeps only allow-listed ones with Retain Safe Private", () => {
    let removed = 0;
    const problems = accepted.flatMap((outcome) => {
      if (!outcome.original || !outcome.output) return [`${outcome.name}: unreadable`];
      removed += outcome.original.elements.filter((element) => parseInt(element.tag.slice(0, 4), 16) % 2 === 1).length;
      const everyOption = runEngine({ ...outcome.plan, options: ALL_OPTIONS }, outcome.bytes).result;
      return [
        ...findUnlistedPrivate(outcome.output, false).map((where) => `${outcome.name} (defaults): ${where}`),
        ...(everyOption ? findUnlistedPrivate(readRawDataSet(everyOption.bytes), true).map((where) => `${outcome.name} (every option): ${where}`) : []),
      ];
    });
    expect(problems).toEqual([]);
    figures.privateAttributesRemoved = removed;
  });

  it("moves every date it keeps by the plan's one shift (Retain Longitudinal Temporal Information with Modified Dates)", () => {
    let shifted = 0;
    const problems = accepted.flatMap((outcome) => {
      if (!outcome.original || !outcome.output) return [`${outcome.name}: unreadable`];
      const report = checkDateShift(outcome.original, outcome.output, dateShiftDays(outcome.plan.key));
      shifted += report.shifted;
      return report.problems.map((problem) => `${outcome.name}: ${problem}`);
    });
    expect(problems).toEqual([]);
    expect(shifted).toBeGreaterThan(100);
    figures.datesShifted = shifted;
  });

  it("remaps UIDs per study with one plan: same hierarchy, references inside sequences resolve, no original UID left", () => {
    const remappedTags = loadRemappedUidTags();
    const studies = new Map<string, StudyMember[]>();
    for (const outcome of accepted) {
      if (!outcome.original || !outcome.output) continue;
      const members = studies.get(outcome.studyKey) ?? [];
      members.push({ name: outcome.name, original: outcome.original, output: outcome.output, outputFile: outcome.result.bytes, result: outcome.result });
      studies.set(outcome.studyKey, members);
    }
    const totals = { studies: studies.size, resolved: 0, remapped: 0, removed: 0 };
    const problems: string[] = [];
    for (const members of studies.values()) {
      const key = accepted.find((outcome) => outcome.name === members[0]!.name)!.plan.key;
      const report = checkStudyUids(members, (uid) => remapUid(key, uid), remappedTags);
      problems.push(...report.problems);
      totals.resolved += report.resolved;
      totals.remapped += report.remapped;
      totals.removed += report.removed;
    }
    expect(problems).toEqual([]);
    // The SC_rgb_* family points at one of its own instances (SourceImageSequence): those must be found resolved.
    expect(totals.resolved).toBeGreaterThan(0);
    figures.uidReferences = totals;
  });

  it("gives identical bytes when the same plan runs twice", () => {
    const differing = accepted.filter((outcome) => !Buffer.from(runEngine(outcome.plan, outcome.bytes).result?.bytes ?? []).equals(Buffer.from(outcome.result.bytes)));
    expect(differing.map((outcome) => outcome.name)).toEqual([]);
  });

  it("gives other UIDs and the same pixel bytes under another share's key", () => {
    const problems = accepted.flatMap((outcome) => {
      const other = runEngine(buildPlan(outcome.studyKey, "B"), outcome.bytes).result;
      if (!other) return [`${outcome.name}: refused under key B`];
      const mine = outcome.result;
      // "" where the original had no such UID (a palette has no study); a UID of the standard itself (a palette's) is kept under any key.
      const sameUids = (["StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID"] as const).map((field) => mine[field] !== "" && !mine[field].startsWith("1.2.840.10008.") && other[field] === mine[field]);
      const pixels = outcome.output ? comparePixelData(outcome.output, readRawDataSet(other.bytes)) : { problem: "unreadable" };
      const uidsB = new Set(listUidOccurrences(readRawDataSet(other.bytes)).map((occurrence) => occurrence.value));
      const shared = outcome.output ? listUidOccurrences(outcome.output).filter((occurrence) => occurrence.value.startsWith("2.25.") && uidsB.has(occurrence.value)) : [];
      return [
        ...(sameUids.some(Boolean) ? [`${outcome.name}: a UID is the same under both keys`] : []),
        ...(pixels.problem ? [`${outcome.name}: pixels ${pixels.problem}`] : []),
        ...shared.map((occurrence) => `${outcome.name}: ${occurrence.path} ${occurrence.value} under both keys`),
      ];
    });
    expect(problems).toEqual([]);
  });

  it("lets dcmtk and GDCM confirm the pixel data is unchanged on a subset (native, big endian, deflate, JPEG, JPEG-LS, JPEG 2000, RLE, multi-frame)", async () => {
    const subset = accepted.filter((outcome) => INDEPENDENT_PIXEL_SUBSET.includes(outcome.name));
    expect(subset.map((outcome) => outcome.name).sort()).toEqual([...INDEPENDENT_PIXEL_SUBSET].sort());
    const report = await checkIndependentPixels(subset, path.join(work, "pixels"), hasTool("gdcmraw", ["--version"]));
    expect(report.problems).toEqual([]);
    figures.independentPixelCheck = { files: subset.length, bytes: report.bytes, tools: report.tools };
  }, 60_000);

  it("finds a burned-in text reason for ultrasound and secondary capture, none for CT and MR, the same from the header alone", () => {
    const problems: string[] = [];
    let flagged = 0;
    for (const outcome of outcomes) {
      if (!outcome.original || outcome.refusal !== undefined) continue;
      const modality = readTopLevel(outcome.original, "00080060");
      const sopClass = readTopLevel(outcome.original, "00080016");
      const mayCarryText = modality === "US" || sopClass.startsWith("1.2.840.10008.5.1.4.1.1.7");
      const plainCtOrMr = (modality === "CT" || modality === "MR") && !/SAVE|SCREEN/.test(readTopLevel(outcome.original, "00080008") + readTopLevel(outcome.original, "0008103E")) && readTopLevel(outcome.original, "00280301") !== "YES";
      const reason = findBurnedInTextReason(readBurnedInTextFields(outcome.bytes));
      // The server's check reads only the header: up to PixelData, the same answer.
      const header = outcome.bytes.subarray(0, findHeaderEnd(outcome.original, outcome.bytes.length));
      if (findBurnedInTextReason(readBurnedInTextFields(header)) !== reason) problems.push(`${outcome.name}: another reason from the header alone`);
      if (mayCarryText && !reason) problems.push(`${outcome.name}: ${modality} ${sopClass} has no reason`);
      if (plainCtOrMr && reason) problems.push(`${outcome.name}: ${modality} flagged (${reason})`);
      if (reason) flagged++;
    }
    expect(problems).toEqual([]);
    figures.burnedInTextFlagged = flagged;
  });
});
