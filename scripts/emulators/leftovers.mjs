// Emulator processes that outlive their firebase-tools parent. Under load,
// `emulators:exec` can exit before the Firestore emulator's JVM (and idle
// Functions workers) have stopped; they are re-parented to init and keep the
// ports, so the next run would fail its port check. Only orphans (parent 1)
// that are provably ours — our launcher jar on our port, a Functions worker
// pointed at our Firestore, or our maildev on our SMTP port (left behind
// when a start script is killed with -9) — are stopped, by PID.
import { readdirSync, readFileSync } from "node:fs";

function readProc(pid, file) {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return "";
  }
}

function parentOf(pid) {
  // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ")".
  const stat = readProc(pid, "stat");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

/** PIDs of orphaned emulator processes of the run that used `ports`. */
export function findLeftoverEmulators(ports) {
  let pids;
  try {
    pids = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return []; // not Linux: nothing to inspect
  }
  return pids
    .filter((pid) => parentOf(pid) === 1)
    .filter((pid) => {
      const args = readProc(pid, "cmdline").split("\0");
      const firestoreJvm = args.some((arg) => arg.includes("firestore-emulator")) && args.includes(String(ports.firestore));
      const functionsWorker =
        args.some((arg) => arg.endsWith("functionsEmulatorRuntime")) &&
        readProc(pid, "environ").split("\0").includes(`FIRESTORE_EMULATOR_HOST=127.0.0.1:${ports.firestore}`);
      const maildev = args.some((arg) => arg.endsWith("maildev/bin/maildev")) && args.includes(String(ports.mail));
      return firestoreJvm || functionsWorker || maildev;
    })
    .map(Number);
}

export async function stopLeftoverEmulators(ports, log = console.log) {
  const pids = findLeftoverEmulators(ports);
  if (pids.length === 0) return;
  log(`Stopping ${pids.length} emulator process(es) left over from an earlier run: ${pids.join(", ")}`);
  for (const pid of pids) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  for (const pid of findLeftoverEmulators(ports)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}
