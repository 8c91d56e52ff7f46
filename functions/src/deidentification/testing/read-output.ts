import * as dicomParser from "dicom-parser";
import type { DataSet } from "dicom-parser";
import { sliceMetaGroup } from "../../ingest/parse-header";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_INFLATE_LIMITS, readSource } from "../../viewable/read-source";

/** The de-identified file read back: its meta group and its data set (inflated when deflated). */
export function readOutput(bytes: Uint8Array): { meta: DataSet; dataSet: DataSet } {
  const transferSyntaxUID = dicomParser.readPart10Header(sliceMetaGroup(bytes)).string("x00020010")!;
  const { meta, dataSet } = readSource(bytes, transferSyntaxUID, DEFAULT_INFLATE_LIMITS);
  return { meta: meta!, dataSet };
}

export function hasDcmdump(): boolean {
  return spawnSync("dcmdump", ["--version"], { stdio: "ignore" }).status === 0;
}

/** dcmdump's output and complaints (anything on stderr, or an error/warning line) for these bytes. */
export function runDcmdump(bytes: Uint8Array): { stdout: string; problems: string } {
  const path = join(mkdtempSync(join(tmpdir(), "deid-")), "out.dcm");
  writeFileSync(path, bytes);
  const result = spawnSync("dcmdump", ["-dc", "+L", path], { encoding: "utf8" });
  const problems = [result.stderr, ...result.stdout.split("\n").filter((line) => /^[EW]: /.test(line))].join("").trim();
  return { stdout: result.stdout, problems: result.status === 0 ? problems : `exit ${result.status}: ${problems}` };
}
