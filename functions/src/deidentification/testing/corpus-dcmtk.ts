import { execFile, execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * dcmtk's and GDCM's view of the files, for the corpus test: dcmdump runs
 * with bounded parallelism (the machine has two cores), and the pixel data of
 * a file is extracted by both tools, independently of our own walker.
 */

export function hasTool(name: string, args = ["--version"]): boolean {
  try {
    execFileSync(name, args, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export interface DumpResult {
  /** 1 when dcmdump reported an error for this file (an "E:" line), else 0; the batch's exit status is checked apart. */
  code: number;
  stdout: string;
  /** dcmdump's "E:", "W:" and "I:" lines for this file. */
  diagnostics: string[];
}

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: "latin1", maxBuffer: 256 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const DIAGNOSTIC = /^[EWIF]: /;

/**
 * dcmdump over many files per call (each call costs a process start, and the
 * machine is shared): `dcmdump +F` prints "# dcmdump (i/n): file" before each
 * file, and with stderr sent into the same pipe its diagnostics land after
 * the header of the file they are about. No character set conversion (+U8 would
 * fail on ISO 2022 IR 87, which the system's iconv lacks): values stay as written.
 */
export async function dumpFiles(files: string[], batchSize = 40, limit = 2): Promise<{ results: Map<string, DumpResult>; calls: number; failedBatches: string[] }> {
  const results = new Map<string, DumpResult>();
  const failedBatches: string[] = [];
  const batches: string[][] = [];
  for (let at = 0; at < files.length; at += batchSize) batches.push(files.slice(at, at + batchSize));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      const { code, stdout } = await run("sh", ["-c", 'exec dcmdump +F "$@" 2>&1', "sh", ...batch]);
      const parsed = splitDump(stdout, batch);
      for (const [file, result] of parsed) results.set(file, result);
      // A failing call must be explained by an error line of one of its files.
      if (code !== 0 && ![...parsed.values()].some((result) => result.code !== 0)) failedBatches.push(`exit ${code} with no error line: ${batch.join(" ")}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, batches.length) }, worker));
  return { results, calls: batches.length, failedBatches };
}

function splitDump(output: string, batch: string[]): Map<string, DumpResult> {
  const results = new Map<string, DumpResult>();
  let current: { stdout: string[]; diagnostics: string[] } | undefined;
  const sections: Array<{ stdout: string[]; diagnostics: string[] }> = [];
  for (const line of output.split("\n")) {
    if (/^# dcmdump \(\d+\/\d+\): /.test(line)) {
      current = { stdout: [], diagnostics: [] };
      sections.push(current);
      continue;
    }
    if (!current) continue;
    if (DIAGNOSTIC.test(line)) current.diagnostics.push(line);
    else current.stdout.push(line);
  }
  batch.forEach((file, index) => {
    const section = sections[index] ?? { stdout: [], diagnostics: ["E: (corpus test) dcmdump printed nothing for this file"] };
    const diagnostics = section.diagnostics.map((line) => line.split(file).join("<file>"));
    results.set(file, { code: diagnostics.some((line) => line.startsWith("E:")) ? 1 : 0, stdout: section.stdout.join("\n"), diagnostics });
  });
  return results;
}

/**
 * What the copy's dump says that the original's does not: errors always
 * count; a warning counts unless the original's dump has the same line (the
 * pixel data is carried unchanged, so dcmtk's remarks on it stay).
 */
export function findNewDiagnostics(original: DumpResult | undefined, copy: DumpResult): string[] {
  const known = new Set(original?.diagnostics ?? []);
  return copy.diagnostics.filter((line) => line.startsWith("E:") || !known.has(line));
}

/** The value dcmdump shows for a top-level tag ("(0012,0062) CS [YES]" → "YES"), or undefined. */
export function readDumpValue(dump: string, tag: string): string | undefined {
  const line = dump.split("\n").find((candidate) => candidate.startsWith(`(${tag.slice(0, 4).toLowerCase()},${tag.slice(4).toLowerCase()})`));
  return line?.match(/\[(.*)\]/)?.[1];
}

/** `dcmdump +W`: one .raw file per pixel item (offset table, fragments) or one for native data, in order. */
export async function extractPixelItemsWithDcmdump(file: string, directory: string): Promise<Buffer[]> {
  mkdirSync(directory, { recursive: true });
  const { code, stderr } = await run("dcmdump", ["+W", directory, file]);
  if (code !== 0) throw new Error(`dcmdump +W ${file}: ${stderr}`);
  const base = path.basename(file);
  return readdirSync(directory)
    .filter((name) => name.startsWith(`${base}.`) && name.endsWith(".raw"))
    .map((name) => ({ name, index: Number(name.slice(base.length + 1, -4)) }))
    .sort((a, b) => a.index - b.index)
    .map(({ name }) => readFileSync(path.join(directory, name)));
}

/** `gdcmraw -t 7fe0,0010`: GDCM's reading of the pixel data value (fragments joined for encapsulated data). */
export async function extractPixelDataWithGdcm(file: string, out: string): Promise<Buffer> {
  const { code, stderr } = await run("gdcmraw", ["-t", "7fe0,0010", "-i", file, "-o", out]);
  if (code !== 0) throw new Error(`gdcmraw ${file}: ${stderr}`);
  return readFileSync(out);
}
