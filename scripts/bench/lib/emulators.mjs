// The emulators our ingest runs on, set up exactly as `npm test` and `npm start`
// do (same offline binaries, same firebase.json), but started as a child we
// control: only the four emulators ingest needs, stopped by process group.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { PROJECT_ID } from "../../emulators/config.mjs";
import { resolvePorts } from "../../emulators/ports.mjs";
import { firebaseBin, setUpEmulators } from "../../emulators/setup.mjs";
import { onCleanup } from "./cleanup.mjs";
import { spawnLogged, stopProcessGroup, trackDescendants, waitFor } from "./processes.mjs";

/** No hosting: the bench calls the `api` function on the Functions emulator, so the web app need not be built. */
export const BENCH_EMULATORS = "auth,firestore,storage,functions,tasks";
/** setGlobalOptions in functions/src/index.ts. */
const REGION = "europe-west1";

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

/** The emulators plus Hosting serving `hostingPublic`, for benches that go through the app's own origin. */
export function startHostedEmulators({ root, portBase, workDir, log, hostingPublic }) {
  return startEmulators({ root, portBase, workDir, logPath: join(workDir, "emulators.log"), log, only: `${BENCH_EMULATORS},hosting`, hostingPublic });
}

/**
 * The Functions emulator reloads whenever its source folder changes, killing
 * the workers that are running. Other engineers rebuild functions/lib all
 * day, so the emulators load a private copy of this run's build instead.
 * Dependencies resolve as before: through a link to functions/node_modules,
 * then the root node_modules above .cache/.
 */
function snapshotFunctions(root, workDir) {
  if (relative(root, workDir).startsWith("..")) throw new Error(`${workDir} must be inside ${root}, or the copy cannot find its dependencies`);
  const source = join(root, "functions");
  const copy = join(workDir, "functions");
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(join(copy, "lib"), { recursive: true });
  copyFileSync(join(source, "package.json"), join(copy, "package.json"));
  for (const file of readdirSync(join(source, "lib"))) copyFileSync(join(source, "lib", file), join(copy, "lib", file));
  if (existsSync(join(source, "node_modules"))) symlinkSync(join(source, "node_modules"), join(copy, "node_modules"), "dir");
  return copy;
}

/**
 * Points this run's generated config (firebase.local.<port>.json, ours alone)
 * at the copy, and Hosting at `hostingPublic` when given (a private copy of
 * the web build, for the same reason as the functions copy).
 */
function useFunctionsSource(root, configPath, source, hostingPublic) {
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  for (const codebase of [config.functions].flat()) codebase.source = relative(root, source);
  if (hostingPublic) config.hosting.public = relative(root, hostingPublic);
  writeFileSync(configPath, JSON.stringify(config, null, 2) + "\n");
}

async function assertApiAnswers(functionsOrigin, stop, logPath) {
  const response = await fetch(`${functionsOrigin}/api/health`).catch((error) => ({ ok: false, status: error.message }));
  if (!response.ok) {
    await stop();
    throw new Error(`GET ${functionsOrigin}/api/health failed (${response.status}): the functions did not load; see ${logPath}`);
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
 * them ready and the `api` function answers. Returns ports, the function's
 * URL, firebase-tools' PID and stop(). `only` and `hostingPublic` (a folder
 * inside root) are for benches that also serve the web app; `env` is added
 * to the environment the function workers inherit (bench switches);
 * `functionsEnv` sets the functions' own settings (PACS_*) for this run.
 */
export async function startEmulators({ root, portBase, workDir, logPath, log, only = BENCH_EMULATORS, hostingPublic, env: extraEnv = {}, functionsEnv }) {
  if (!existsSync(join(root, "functions", "lib", "index.js"))) {
    throw new Error("functions/lib/index.js is missing: run without --no-build, or `npm run build` first.");
  }
  const ports = resolvePorts({ ...process.env, PACS_PORT_BASE: String(portBase) });
  const { env, baseArgs, configPath } = await setUpEmulators(root, ports, log);
  const functionsCopy = snapshotFunctions(root, workDir);
  // Settings the functions read when they load, discovery included (which sees .env files, not our environment).
  if (functionsEnv) writeFileSync(join(functionsCopy, ".env.local"), Object.entries(functionsEnv).map(([key, value]) => `${key}=${value}\n`).join(""));
  useFunctionsSource(root, configPath, functionsCopy, hostingPublic);
  let ready = false;
  // firebase-tools finds the project from --config; the working folder only
  // receives its *-debug.log files, which then belong to this run alone.
  // The Storage emulator keeps blobs in $TMPDIR/firebase/storage and wipes
  // that folder when any emulator suite on the machine stops: a private
  // TMPDIR keeps a parallel `npm test` from deleting our ZIP mid-upload.
  const tmpDir = join(workDir, "tmp");
  mkdirSync(tmpDir, { recursive: true });
  const server = spawnLogged(process.execPath, [firebaseBin(root), "emulators:start", ...withOnly(baseArgs, only)], {
    cwd: workDir,
    env: { ...env, ...extraEnv, TMPDIR: tmpDir },
    logPath,
    onOutput: (text) => {
      if (text.includes("All emulators ready")) ready = true;
    },
  });
  const descendants = trackDescendants(server.child.pid);
  // SIGINT is firebase-tools' own clean shutdown (it stops Java and the function
  // workers), but it waits for running functions; a second SIGINT stops at once.
  const stop = onCleanup("emulators", async () => {
    await stopProcessGroup(server, [["SIGINT", 10_000], ["SIGINT", 10_000]]);
    await descendants.killSurvivors();
    // A clean stop empties tmp; a killed one leaves the ZIP and every stored instance behind.
    for (const dir of [tmpDir, functionsCopy]) rmSync(dir, { recursive: true, force: true });
    // The config now names a copy that is gone; the next run on these ports writes its own.
    rmSync(configPath, { force: true });
  });
  let exit = null;
  server.exited.then((result) => (exit = result));
  log(`starting emulators (${only}) on ports ${ports.web}-${ports.tasks}, PID ${server.child.pid}, log ${logPath}`);
  try {
    await waitFor("waiting for the emulators", () => ready, {
      timeoutMs: 180_000,
      abort: () => exit && `firebase emulators:start exited (${exit.code ?? exit.signal}); see ${logPath}`,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  // The function's own routes start after its URL: .../api + /api/health is req.path "/api/health".
  const functionsOrigin = `http://127.0.0.1:${ports.functions}/${PROJECT_ID}/${REGION}/api`;
  await assertApiAnswers(functionsOrigin, stop, logPath);
  return { ports, projectId: PROJECT_ID, functionsOrigin, pid: server.child.pid, stop };
}
