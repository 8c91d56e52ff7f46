// The emulators our ingest runs on, set up exactly as `npm test` and `npm start`
// do (same offline binaries, same firebase.json), but started as a child we
// control: only the four emulators ingest needs, stopped by process group.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ID } from "../../emulators/config.mjs";
import { resolvePorts } from "../../emulators/ports.mjs";
import { firebaseBin, setUpEmulators } from "../../emulators/setup.mjs";
import { onCleanup } from "./cleanup.mjs";
import { spawnLogged, stopProcessGroup, trackDescendants, waitFor } from "./processes.mjs";

/** No hosting: the bench calls the `api` function on the Functions emulator, so the web app need not be built. */
const BENCH_EMULATORS = "auth,firestore,storage,functions";
export const REGION = "europe-west1";

/**
 * Builds what the Functions emulator loads. The web app is left alone: it is
 * not served here, and a half-edited page should not stop a backend bench.
 */
export function buildFunctions(root) {
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  for (const workspace of ["@pacs/shared", "functions"]) {
    execFileSync(npm, ["run", "build", "-w", workspace], { cwd: root, stdio: "inherit" });
  }
}

function withOnly(baseArgs, only) {
  const args = [...baseArgs];
  const index = args.indexOf("--only");
  if (index === -1) args.push("--only", only);
  else args[index + 1] = only;
  return args;
}

/**
 * Starts the emulators on `portBase` and resolves once firebase-tools reports
 * them ready and the `api` function answers. Returns ports, URLs and stop().
 */
export async function startEmulators({ root, portBase, workDir, logPath, log }) {
  if (!existsSync(join(root, "functions", "lib", "index.js"))) {
    throw new Error("functions/lib/index.js is missing: run without --no-build, or `npm run build` first.");
  }
  const ports = resolvePorts({ ...process.env, PACS_PORT_BASE: String(portBase) });
  const { env, baseArgs } = await setUpEmulators(root, ports, log);
  let ready = false;
  // firebase-tools finds the project from --config; the working folder only
  // receives its *-debug.log files, which then belong to this run alone.
  // The Storage emulator keeps blobs in $TMPDIR/firebase/storage and wipes
  // that folder when any emulator suite on the machine stops: a private
  // TMPDIR keeps a parallel `npm test` from deleting our ZIP mid-upload.
  const tmpDir = join(workDir, "tmp");
  mkdirSync(tmpDir, { recursive: true });
  const server = spawnLogged(process.execPath, [firebaseBin(root), "emulators:start", ...withOnly(baseArgs, BENCH_EMULATORS)], {
    cwd: workDir,
    env: { ...env, TMPDIR: tmpDir },
    logPath,
    onOutput: (text) => {
      if (text.includes("All emulators ready")) ready = true;
    },
  });
  const descendants = trackDescendants(server.child.pid);
  // SIGINT is firebase-tools' own clean shutdown (it stops Java and the function workers).
  const stop = onCleanup("emulators", async () => {
    await stopProcessGroup(server, { signal: "SIGINT", graceMs: 30_000 });
    await descendants.killSurvivors();
    // A clean stop empties it; a killed one leaves the ZIP and every stored instance behind.
    rmSync(tmpDir, { recursive: true, force: true });
  });
  let exit = null;
  server.exited.then((result) => (exit = result));
  log(`starting emulators (${BENCH_EMULATORS}) on ports ${ports.web}-${ports.tasks}, PID ${server.child.pid}, log ${logPath}`);
  try {
    await waitFor("waiting for the emulators", () => ready, {
      timeoutMs: 180_000,
      abort: () => exit && `firebase emulators:start exited (${exit.code ?? exit.signal}); see ${logPath}`,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  const functionsOrigin = `http://127.0.0.1:${ports.functions}/${PROJECT_ID}/${REGION}/api`;
  return { ports, projectId: PROJECT_ID, functionsOrigin, pid: server.child.pid, stop };
}
