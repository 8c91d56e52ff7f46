#!/usr/bin/env node
// `npm start`: builds the product and runs it on the Firebase emulators, with
// the user's data kept in PACS_DATA_DIR (default .emulator-data) between runs,
// and a local SMTP server whose inbox page shows every email the product sends.
//   --no-build   serve what was built last time
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolvePorts } from "./emulators/ports.mjs";
import { SetupError } from "./emulators/java.mjs";
import { stopLeftoverEmulators } from "./emulators/leftovers.mjs";
import { startMailServer } from "./emulators/mail.mjs";
import { firebaseBin, setUpEmulators } from "./emulators/setup.mjs";
import { buildAll, writeRuntimeConfig } from "./build.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function dataArgs(dataDir) {
  // firebase-tools refuses --import of a folder that holds no export yet.
  const hasExport = existsSync(join(dataDir, "firebase-export-metadata.json"));
  return [...(hasExport ? ["--import", dataDir] : []), "--export-on-exit", dataDir];
}

async function main() {
  const ports = resolvePorts();
  const dataDir = resolve(root, process.env.PACS_DATA_DIR ?? ".emulator-data");
  const { env, baseArgs } = await setUpEmulators(root, ports);
  if (!process.argv.includes("--no-build")) buildAll(root, env);
  writeRuntimeConfig(root, ports);
  const mail = await startMailServer(root, ports);

  const url = env.PACS_WEB_URL;
  const child = spawn(process.execPath, [firebaseBin(root), "emulators:start", ...baseArgs, ...dataArgs(dataDir)], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
    // Its own process group: a terminal's Ctrl+C reaches firebase-tools once,
    // through us, so that it exports the data instead of force-quitting.
    detached: true,
  });
  child.stdout.on("data", (chunk) => {
    process.stdout.write(chunk);
    if (chunk.toString().includes("All emulators ready")) {
      console.log(
        `\n  Radiology PACS is running at ${url}\n  Emails it sends arrive in the local inbox at ${mail.inboxUrl}\n` +
          `  Data is kept in ${dataDir}. Press Ctrl+C to stop (your data is saved on exit).\n`,
      );
      console.log(`PACS_READY ${url}`);
    }
  });
  // Ctrl+C or a PID-targeted stop: let firebase-tools export the data, then exit with it.
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.on(signal, () => child.kill("SIGINT"));
  }
  child.on("exit", async (code, signal) => {
    await mail.stop();
    await stopLeftoverEmulators(ports);
    process.exit(code ?? (signal ? 1 : 0));
  });
}

main().catch((error) => {
  if (error instanceof SetupError) {
    console.error(`\nCannot start: ${error.message}\n`);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
