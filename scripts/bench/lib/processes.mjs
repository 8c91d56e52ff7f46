// Child processes the bench owns: started in their own process group so that
// stopping one reaches everything it spawned (firebase-tools starts Java and
// Node workers), and stopped by PID, never by name.
import { spawn } from "node:child_process";
import { createWriteStream } from "node:fs";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { listDescendants, readStartTime } from "./proc-memory.mjs";

/**
 * Starts a command in its own process group with its output appended to a
 * log file; `onOutput` sees stdout and stderr as text (to spot a ready line).
 */
export function spawnLogged(command, args, { cwd, env, logPath, onOutput = () => {} }) {
  const log = createWriteStream(logPath, { flags: "a" });
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    stream.on("data", (chunk) => {
      log.write(chunk);
      onOutput(chunk.toString());
    });
  }
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    // A binary that cannot be started never emits "exit".
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });
  let done = false;
  exited.then(() => {
    done = true;
    log.end();
  });
  return { child, exited, hasExited: () => done };
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a child and its whole group: each [signal, waitMs] step is sent to the
 * group until the child exits, then SIGKILL. Resolves once the child is gone.
 */
export async function stopProcessGroup({ child, exited, hasExited }, steps = [["SIGTERM", 20_000]]) {
  const sendToGroup = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  for (const [signal, waitMs] of steps) {
    if (hasExited()) return;
    sendToGroup(signal);
    if (!(await Promise.race([exited.then(() => false), sleep(waitMs).then(() => true)]))) break;
  }
  if (!hasExited()) {
    console.error(`[bench] PID ${child.pid} did not stop after ${steps.map(([s]) => s).join(", ")}: killing its group`);
    sendToGroup("SIGKILL");
    await exited;
  }
  // Grandchildren that outlived their parent (a Java emulator, a worker) still share the group id.
  if (isAlive(-child.pid)) sendToGroup("SIGKILL");
}

/**
 * Remembers every process that descends from `rootPid` while it runs.
 * Some leave the group (firebase-tools starts the Firestore emulator in a
 * session of its own) and are orphaned if their parent dies, so the group
 * signal alone cannot be trusted to reach them.
 */
export function trackDescendants(rootPid, intervalMs = 1000) {
  const seen = new Map();
  const scan = () => {
    for (const pid of listDescendants(rootPid)) if (!seen.has(pid)) seen.set(pid, readStartTime(pid));
  };
  scan();
  const timer = setInterval(scan, intervalMs);
  timer.unref();
  return {
    /** Stops tracking and kills those of them still running (same PID and start time). */
    async killSurvivors() {
      clearInterval(timer);
      const survivors = () => [...seen].filter(([pid, start]) => start !== null && readStartTime(pid) === start).map(([pid]) => pid);
      for (const [signal, wait] of [["SIGTERM", 5000], ["SIGKILL", 1000]]) {
        const left = survivors();
        if (left.length === 0) return;
        console.error(`[bench] ${signal} to processes left behind: ${left.join(", ")}`);
        for (const pid of left) {
          try {
            process.kill(pid, signal);
          } catch {
            // Exited since the check.
          }
        }
        await sleep(wait);
      }
    },
  };
}

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Calls `probe` every `intervalMs` until it returns a truthy value (a probe
 * that throws counts as "not yet"). Throws after `timeoutMs`, or at once when
 * `abort()` returns a reason (the server being waited for has died).
 */
export async function waitFor(what, probe, { timeoutMs, intervalMs = 200, abort = () => null }) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    const reason = abort();
    if (reason) throw new Error(`${what}: ${reason}`);
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      lastError = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`${what}: nothing after ${timeoutMs / 1000} s${lastError ? ` (last error: ${lastError.message})` : ""}`);
}
