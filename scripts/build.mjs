// Builds what the emulators serve: the shared package, the functions bundle
// and the web app's static export with the OHIF viewer under /ohif/, then
// writes the web app's runtime config.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildEmulatorRuntimeConfig } from "./emulators/config.mjs";
import { buildOhifViewer } from "./ohif/fetch-ohif.mjs";

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

export function buildAll(root, env = process.env) {
  for (const workspace of ["@pacs/shared", "functions", "@pacs/web"]) {
    execFileSync(npm, ["run", "build", "-w", workspace], { cwd: root, stdio: "inherit", env });
  }
  // After `next build`, which empties apps/web/out.
  buildOhifViewer(root, env);
}

/** The static build reads its Firebase settings from here at run time. */
export function writeRuntimeConfig(root, ports) {
  const path = join(root, "apps", "web", "out", "runtime-config.json");
  writeFileSync(path, JSON.stringify(buildEmulatorRuntimeConfig(ports), null, 2) + "\n");
  return path;
}
