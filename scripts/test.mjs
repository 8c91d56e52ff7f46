#!/usr/bin/env node
// `npm test`: every suite, in order of cost. Exits non-zero if any fails.
//   1. unit tests (jest, no emulators)
//   2. a full build, then rules, integration and browser tests inside
//      `firebase emulators:exec` on their own port range, with a local SMTP
//      server (maildev) that receives the emails functions and tests send
//   3. the lifecycle test, which starts and stops `npm start` itself
// `npm test -- [--no-build] <path patterns>` runs only the emulator tests matching the patterns
// (for one file while working on it); `--no-build` serves what was built last.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolvePorts } from "./emulators/ports.mjs";
import { SetupError } from "./emulators/java.mjs";
import { stopLeftoverEmulators } from "./emulators/leftovers.mjs";
import { startMailServer } from "./emulators/mail.mjs";
import { firebaseBin, setUpEmulators } from "./emulators/setup.mjs";
import { buildAll, writeRuntimeConfig } from "./build.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const jest = join(root, "node_modules", "jest", "bin", "jest.js");
const results = [];
const reportDir = join(root, ".cache", "test-results");

/** Where a jest run writes its JSON report, so that the summary can count tests. */
function jestReport(name) {
  return ["--json", "--outputFile", join(reportDir, `${name}.json`)];
}

function countTests() {
  let passed = 0;
  let failed = 0;
  for (const { ok, report } of results) {
    if (!report || !existsSync(report)) {
      // A stage that died before jest could report (emulators did not start) still counts as a failure.
      if (!ok) failed += 1;
      continue;
    }
    const json = JSON.parse(readFileSync(report, "utf8"));
    passed += json.numPassedTests;
    failed += json.numFailedTests;
  }
  return { passed, failed };
}

function fakeTimeAvailable() {
  return spawnSync("faketime", ["-f", "+0d", "true"]).status === 0;
}

function run(name, command, args, env, report) {
  console.log(`\n=== ${name} ===`);
  const { status } = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  results.push({ name, ok: status === 0, report });
  return status === 0;
}

async function main() {
  const args = process.argv.slice(2);
  const noBuild = args.includes("--no-build");
  const patterns = args.filter((arg) => arg !== "--no-build");
  const focused = patterns.length > 0;
  // Tests use their own range so that they run beside a developer's `npm start`.
  const testEnv = { ...process.env, PACS_PORT_BASE: process.env.PACS_TEST_PORT_BASE ?? "27500" };
  rmSync(reportDir, { recursive: true, force: true });
  mkdirSync(reportDir, { recursive: true });
  if (!focused) runUnitStages(testEnv);

  const ports = resolvePorts(testEnv);
  const { env, baseArgs } = await setUpEmulators(root, ports);
  if (!noBuild) buildAll(root, env);
  writeRuntimeConfig(root, ports);
  const emulatorReport = join(reportDir, "emulators.json");
  const suites = [process.execPath, jest, ...jestReport("emulators"), "--selectProjects", "rules", "integration", "e2e", "--runInBand", ...patterns]
    .map((arg) => JSON.stringify(arg))
    .join(" ");
  const mail = await startMailServer(root, ports);
  try {
    run(
      "rules, integration and browser tests (emulators)",
      process.execPath,
      [firebaseBin(root), "emulators:exec", ...baseArgs, suites],
      // The logging emulator keeps every log line; tests/integration/ticket-logs.test.ts reads them back.
      { ...env, ...testEnv, START_LOGGING_EMULATOR: "true" },
      emulatorReport,
    );
  } finally {
    await mail.stop();
  }
  await stopLeftoverEmulators(ports);

  if (!focused) {
    run(
      "lifecycle tests (npm start)",
      process.execPath,
      [jest, ...jestReport("lifecycle"), "--selectProjects", "lifecycle", "--runInBand"],
      { ...process.env, PACS_PORT_BASE: process.env.PACS_LIFECYCLE_PORT_BASE ?? "27600" },
      join(reportDir, "lifecycle.json"),
    );
  }

  console.log("\n=== summary ===");
  for (const { name, ok } of results) console.log(`${ok ? "PASS" : "FAIL"}  ${name}`);
  const { passed, failed } = countTests();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

/** Unit tests, then the same with the clock a year ahead. */
function runUnitStages(testEnv) {
  run("unit tests", process.execPath, [jest, ...jestReport("unit"), "--selectProjects", "unit"], testEnv, join(reportDir, "unit.json"));
  // The same unit tests with the whole process clock a year ahead (libfaketime), so that a test
  // that hands a fixed date to code that also reads the real clock fails today, not next year.
  if (fakeTimeAvailable()) {
    run(
      "unit tests, clock one year ahead (faketime)",
      "faketime",
      // The memory tests measure a child process's peak RSS, which no clock changes: run once.
      ["-f", "+365d", process.execPath, jest, ...jestReport("unit-year-ahead"), "--selectProjects", "unit", "--testPathIgnorePatterns", "(ingest|deidentified-shares)/memory\\.test\\.ts"],
      testEnv,
      join(reportDir, "unit-year-ahead.json"),
    );
  } else {
    console.log("\n(faketime is not installed: the year-ahead run of the unit tests is skipped; apt-get install faketime)");
  }
}

main().catch((error) => {
  console.error(error instanceof SetupError ? `\nCannot run the tests: ${error.message}\n` : error);
  process.exit(1);
});
