// The preferred CT series when the team's shared folder is checked out next to
// the repo: ../shared/tools/gen-ct-series.sh copies one real CT slice (real
// pixel data) N times with fresh UIDs and geometry, using dcmtk and gdcm.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

function hasCommand(name) {
  return spawnSync("sh", ["-c", `command -v ${name}`], { stdio: "ignore" }).status === 0;
}

/** The script and its template slice, or null when either they or the tools they call are missing. */
export function findSharedGenerator(root) {
  const shared = join(root, "..", "shared");
  const script = join(shared, "tools", "gen-ct-series.sh");
  const template = join(shared, "dicom-samples", "pydicom-test_files", "693_J2KI.dcm");
  if (!existsSync(script) || !existsSync(template)) return null;
  if (!["dcmodify", "gdcmconv"].every(hasCommand)) return null;
  return { script, template };
}

/**
 * Writes the series into `outDir` (one .dcm per slice) and returns the same
 * shape as the synthetic generator, reading each slice only when zipped.
 */
export function prepareSharedSeries({ generator, outDir, instances, log }) {
  rmSync(outDir, { recursive: true, force: true });
  log(`generating ${instances} slices with ${generator.script} (dcmtk + gdcm)...`);
  const result = spawnSync("bash", [generator.script, generator.template, outDir, String(instances)], { stdio: ["ignore", "inherit", "inherit"] });
  if (result.status !== 0) throw new Error(`gen-ct-series.sh exited with ${result.status ?? result.signal}`);
  const names = readdirSync(outDir).filter((name) => name.endsWith(".dcm")).sort();
  if (names.length !== instances) throw new Error(`gen-ct-series.sh wrote ${names.length} slices, expected ${instances}`);
  return { names, buildSlice: (i) => readFileSync(join(outDir, names[i])) };
}
