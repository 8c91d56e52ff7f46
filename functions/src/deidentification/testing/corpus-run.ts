import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { DeidentificationOptions } from "@pacs/shared";
import { DeidentificationError, deidentifyInstance, type DeidentificationPlan, type DeidentifiedInstance } from "../index";
import { CorpusReadError, readRawDataSet, type RawDataSet } from "./corpus-read-data-set";
import { readTopLevel } from "./corpus-checks";

/**
 * Runs the engine over the third-party corpus (../shared/dicom-samples): one
 * plan per study, as one share link makes its copies with one key, keyed from
 * the original StudyInstanceUID so that a run is reproducible.
 */

export const samplesRoot = path.resolve(__dirname, "..", "..", "..", "..", "..", "shared", "dicom-samples");
export const samplesPresent = existsSync(samplesRoot);
export const PSEUDONYM = "Case 12";

/** Every file under the corpus root, sorted by path. */
export function listCorpusFiles(): string[] {
  return readdirSync(samplesRoot, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(samplesRoot, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

/** A 32-byte key per study and share ("A" and "B" stand for two share links of the same study). */
export function buildPlan(studyKey: string, share: "A" | "B", options: Partial<DeidentificationOptions> = {}): DeidentificationPlan {
  const key = new Uint8Array(createHash("sha256").update(`corpus test ${share} ${studyKey}`).digest());
  return { key, pseudonym: PSEUDONYM, options: DeidentificationOptions.parse(options) };
}

/** Every option off: the Basic Application Level Confidentiality Profile alone. */
export const NO_OPTIONS: DeidentificationOptions = {
  retainLongitudinalModifiedDates: false,
  retainPatientCharacteristics: false,
  retainDeviceIdentity: false,
  cleanDescriptors: false,
  retainSafePrivate: false,
};

/** Every option on: keeps the most, so the search for identifying values runs there too. */
export const ALL_OPTIONS: DeidentificationOptions = {
  retainLongitudinalModifiedDates: true,
  retainPatientCharacteristics: true,
  retainDeviceIdentity: true,
  cleanDescriptors: true,
  retainSafePrivate: true,
};

export interface CorpusOutcome {
  /** Path under the corpus root. */
  name: string;
  file: string;
  bytes: Uint8Array;
  /** Our own reading of the original (bare data sets allowed), or why it could not be read. */
  original?: RawDataSet;
  originalProblem?: string;
  /** The study the file belongs to: its StudyInstanceUID, or its own name when it has none. */
  studyKey: string;
  plan: DeidentificationPlan;
  result?: DeidentifiedInstance;
  /** The engine's refusal (a DeidentificationError's message). */
  refusal?: string;
  /** Anything else the engine threw: a crash, always a failure. */
  crash?: string;
  /** The copy written to disk for dcmtk, and our reading of it. */
  outputPath?: string;
  output?: RawDataSet;
  outputProblem?: string;
}

export function runEngine(plan: DeidentificationPlan, bytes: Uint8Array): { result?: DeidentifiedInstance; refusal?: string; crash?: string } {
  try {
    return { result: deidentifyInstance(bytes, plan) };
  } catch (error) {
    if (error instanceof DeidentificationError) return { refusal: error.message };
    return { crash: error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ""}` : String(error) };
  }
}

/** De-identifies every corpus file with its study's plan "A" and writes each copy under `work`. */
export function runCorpus(work: string): CorpusOutcome[] {
  return listCorpusFiles().map((file, index) => {
    const name = path.relative(samplesRoot, file);
    const bytes = new Uint8Array(readFileSync(file));
    let original: RawDataSet | undefined;
    let originalProblem: string | undefined;
    try {
      original = readRawDataSet(bytes, { bare: true });
    } catch (error) {
      originalProblem = error instanceof Error ? error.message : String(error);
    }
    const studyKey = (original && readTopLevel(original, "0020000D")) || name;
    const plan = buildPlan(studyKey, "A");
    const outcome: CorpusOutcome = { name, file, bytes, studyKey, plan, ...runEngine(plan, bytes) };
    if (original) outcome.original = original;
    if (originalProblem) outcome.originalProblem = originalProblem;
    if (!outcome.result) return outcome;
    outcome.outputPath = path.join(work, `${String(index).padStart(3, "0")}-${path.basename(file).replace(/[^\w.+-]/g, "_")}`);
    writeFileSync(outcome.outputPath, outcome.result.bytes);
    try {
      outcome.output = readRawDataSet(outcome.result.bytes);
    } catch (error) {
      if (!(error instanceof CorpusReadError) && !(error instanceof RangeError)) throw error;
      outcome.outputProblem = error.message;
    }
    return outcome;
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length === 0 ? 0 : sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
