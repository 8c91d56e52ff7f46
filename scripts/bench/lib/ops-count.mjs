// Counting what a bench run does, as it is billed: Firestore operations (the
// functions append them to a file, functions/src/metering/), Cloud Storage
// operations (a proxy in front of the Storage emulator, ops-storage.mjs) and
// function invocations with their duration (the Functions emulator's own
// "Finished ... in N ms" lines). Counts are taken per phase (ingest, one
// study opened) with take(), so each phase is priced on its own.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { resolvePorts } from "../../emulators/ports.mjs";
import { onCleanup } from "./cleanup.mjs";
import { startStorageCounter } from "./ops-storage.mjs";

const FINISHED = /Finished "([^"]+)" in ([\d.]+)ms/g;

/** Invocations the Functions emulator finished, in order: { name (without the region), ms }. */
export function readInvocations(logText) {
  return [...logText.matchAll(FINISHED)].map(([, key, ms]) => ({ name: key.replace(/^[a-z]+-[a-z]+\d+-/, ""), ms: Number(ms) }));
}

/** Sums the ops file's lines from `from` on: Firestore operations in total and per function. */
export function sumFirestoreLines(lines) {
  const total = { reads: 0, missing: 0, writes: 0, deletes: 0 };
  const byFunction = {};
  for (const line of lines) {
    const entry = JSON.parse(line);
    const own = (byFunction[entry.fn] ??= { reads: 0, missing: 0, writes: 0, deletes: 0 });
    for (const key of Object.keys(total)) {
      total[key] += entry[key] ?? 0;
      own[key] += entry[key] ?? 0;
    }
  }
  return { ...total, byFunction };
}

/**
 * Starts the Storage counter for the emulators on `portBase` and prepares
 * the Firestore ops file in `workDir`. Pass `env` to the emulators (the
 * functions switch their counting on from it) and `storageOrigin` to
 * whatever should be counted as a Storage client.
 */
export async function startOpsCounting({ portBase, workDir }) {
  const ports = resolvePorts({ ...process.env, PACS_PORT_BASE: String(portBase) });
  const storage = await startStorageCounter({ target: `127.0.0.1:${ports.storage}` });
  const stop = onCleanup("storage counter", () => storage.stop());
  mkdirSync(workDir, { recursive: true });
  const opsFile = join(workDir, "firestore-ops.jsonl");
  writeFileSync(opsFile, "");
  let linesTaken = 0;
  let invocationsTaken = 0;
  const readLog = (logPath) => (existsSync(logPath) ? readFileSync(logPath, "utf8") : "");

  return {
    env: { PACS_BENCH_OPS_FILE: opsFile, PACS_BENCH_STORAGE_PROXY: storage.origin },
    storageOrigin: storage.origin,
    storagePort: storage.port,
    /** Waits until the emulator has finished `count` more invocations of `name` than were taken so far. */
    async waitForInvocations(logPath, name, count, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const fresh = readInvocations(readLog(logPath)).slice(invocationsTaken);
        if (fresh.filter((call) => call.name === name).length >= count) return;
        await sleep(100);
      }
      throw new Error(`the Functions emulator did not finish ${count} invocation(s) of ${name} within ${timeoutMs / 1000} s`);
    },
    /** Everything counted since the last take. */
    take(logPath) {
      const lines = readFileSync(opsFile, "utf8").split("\n").filter(Boolean);
      const firestore = sumFirestoreLines(lines.slice(linesTaken));
      linesTaken = lines.length;
      const calls = readInvocations(readLog(logPath));
      const invocations = calls.slice(invocationsTaken);
      invocationsTaken = calls.length;
      return { firestore, storage: storage.take(), invocations };
    },
    stop,
  };
}
