#!/usr/bin/env node
// `npm test`: every suite, in order of cost. Exits non-zero if any fails.
//   1. unit tests (jest, no emulators)
//   2. a full build, then rules, integration and browser tests inside
//      `firebase emulators:exec` on their own port range
//   3. the lifecycle test, which starts and stops `npm start` itself
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolvePorts } from "./emulators/ports.mjs";
import { SetupError } from "./emulators/java.mjs";
import { firebaseBin, setUpEmulators } from "./emulators/setup.mjs";
import { buildAll, writeRuntimeConfig } from "./build.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const jest = join(root, "node_modules", "jest", "bin", "jest.js");
const results = [];

function run(name, command, args, env) {
  console.log(`\n=== ${name} ===`);
  const { status } = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  results.push({ name, ok: status === 0 });
  return status === 0;
}

async function main() {
  // Tests use their own range so that they run beside a developer's `npm start`.
  const testEnv = { ...process.env, PACS_PORT_BASE: process.env.PACS_TEST_PORT_BASE ?? "47500" };
  run("unit tests", process.execPath, [jest, "--selectProjects", "unit"], testEnv);

  const ports = resolvePorts(testEnv);
  const { env, baseArgs } = await setUpEmulators(root, ports);
  buildAll(root, env);
  writeRuntimeConfig(root, ports);
  const suites = `node ${JSON.stringify(jest)} --selectProjects rules integration e2e --runInBand`;
  run("rules, integration and browser tests (emulators)", process.execPath, [firebaseBin(root), "emulators:exec", ...baseArgs, suites], {
    ...env,
    ...testEnv,
  });

  run("lifecycle tests (npm start)", process.execPath, [jest, "--selectProjects", "lifecycle", "--runInBand"], {
    ...process.env,
    PACS_PORT_BASE: process.env.PACS_LIFECYCLE_PORT_BASE ?? "47600",
  });

  console.log("\n=== summary ===");
  for (const { name, ok } of results) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main().catch((error) => {
  console.error(error instanceof SetupError ? `\nCannot run the tests: ${error.message}\n` : error);
  process.exit(1);
});
