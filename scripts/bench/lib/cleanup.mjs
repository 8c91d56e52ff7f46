// Whatever the bench starts (emulators, Orthanc, scratch folders) registers
// its teardown here, so that an error or a Ctrl+C never leaves a server
// holding ports or a gigabyte of scratch data behind.
import { mkdirSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join } from "node:path";

const tasks = [];
let stopping = false;

/** True once a signal has started the teardown: the main flow should then wait for the exit, not report its own errors. */
export function isStopping() {
  return stopping;
}

/** Registers a teardown; the returned function runs it now and unregisters it. */
export function onCleanup(label, task) {
  const entry = { label, task };
  tasks.push(entry);
  return async () => {
    const index = tasks.indexOf(entry);
    if (index === -1) return;
    tasks.splice(index, 1);
    await task();
  };
}

/** Runs every pending teardown, newest first; one failing does not stop the others. */
export async function runCleanup() {
  while (tasks.length > 0) {
    const { label, task } = tasks.pop();
    try {
      await task();
    } catch (error) {
      console.error(`[bench] cleanup of ${label} failed: ${error.message}`);
    }
  }
}

/** On Ctrl+C or a kill, tear down, then exit with the conventional 128 + signal number. */
export function cleanUpOnSignals() {
  const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
  for (const [signal, code] of Object.entries(codes)) {
    process.once(signal, () => {
      stopping = true;
      console.error(`\n[bench] ${signal}: stopping what the bench started...`);
      runCleanup().finally(() => process.exit(code));
    });
  }
}

/**
 * What every run does first: teardown on signals, a stamp that names its
 * logs and JSON (its logs folder made), and a warning when other work
 * shares the CPU. Returns the stamp.
 */
export function beginBenchRun({ cacheDir, log }) {
  cleanUpOnSignals();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  mkdirSync(join(cacheDir, "logs", stamp), { recursive: true });
  const [load] = loadavg();
  if (load > availableParallelism()) log(`note: load average ${load.toFixed(1)} on ${availableParallelism()} cores: other work is running, so the figures will be noisy`);
  return stamp;
}

/**
 * Runs a benchmark's main() and exits with its code, cleaning up first:
 * 2 for a usage error (with the usage text) or a missing tool, 1 for a
 * malfunction. After Ctrl+C the signal handler owns the exit.
 */
export function runBenchMain(main, { usage, UsageError, SetupError }) {
  main()
    .then(async (code) => {
      if (isStopping()) return;
      await runCleanup();
      process.exit(code);
    })
    .catch(async (error) => {
      // After Ctrl+C the servers vanish under the main flow; its errors are expected.
      if (isStopping()) return;
      await runCleanup();
      if (error instanceof UsageError) {
        console.error(`${error.message}\n\n${usage}`);
        process.exit(2);
      }
      console.error(error instanceof SetupError ? `\n[bench] Cannot run: ${error.message}` : error);
      process.exit(error instanceof SetupError ? 2 : 1);
    });
}
