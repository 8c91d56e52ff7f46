import { appendFileSync } from "node:fs";
import { meterFirestore, type FirestoreOps } from "./firestore-ops";

/**
 * What `npm run bench:ingest` asks of the functions it runs on the emulators
 * (scripts/bench/lib/ops-count.mjs), so that it can price the operations it
 * counted:
 * - `PACS_BENCH_OPS_FILE`: each Firestore RPC's billed operations are
 *   appended there, one JSON line each, with the function's name;
 * - `PACS_BENCH_STORAGE_PROXY`: Cloud Storage requests go through the
 *   bench's counting proxy (an `http://127.0.0.1:<port>` origin) instead of
 *   straight to the Storage emulator, which the Functions emulator names in
 *   STORAGE_EMULATOR_HOST and would otherwise override any setting of ours.
 * Unset, as in production, nothing changes. Outside the Functions emulator
 * they are ignored: a deployed function must never write files or reroute
 * its Storage traffic because of a stray variable.
 */
export interface BenchMetering {
  opsFile?: string;
  storageProxy?: string;
  functionName: string;
}

export function readBenchMetering(env: NodeJS.ProcessEnv): BenchMetering | null {
  const opsFile = env.PACS_BENCH_OPS_FILE || undefined;
  const storageProxy = env.PACS_BENCH_STORAGE_PROXY || undefined;
  if (!opsFile && !storageProxy) return null;
  if (env.FUNCTIONS_EMULATOR !== "true") {
    console.warn("metering: PACS_BENCH_OPS_FILE / PACS_BENCH_STORAGE_PROXY are bench settings for the emulators; ignored here");
    return null;
  }
  if (storageProxy && !/^http:\/\/127\.0\.0\.1:\d+$/.test(storageProxy)) {
    throw new Error(`PACS_BENCH_STORAGE_PROXY must be http://127.0.0.1:<port>, not "${storageProxy}"`);
  }
  return { opsFile, storageProxy, functionName: env.FUNCTION_TARGET || "(unknown)" };
}

/** One line of the ops file: which function, which RPC, what it cost. */
export interface OpsLine extends FirestoreOps {
  fn: string;
  service: "firestore";
  method: string;
}

/**
 * Switches on what `readBenchMetering` found, before the Storage client is
 * made (it reads STORAGE_EMULATOR_HOST once, when constructed).
 */
export function startBenchMetering(db: object, env: NodeJS.ProcessEnv): BenchMetering | null {
  const metering = readBenchMetering(env);
  if (!metering) return null;
  if (metering.storageProxy) env.STORAGE_EMULATOR_HOST = metering.storageProxy;
  const { opsFile, functionName } = metering;
  if (opsFile) {
    // Synchronous and one short line per RPC: lines from concurrent workers never interleave, and none is lost at exit.
    meterFirestore(db, (method, ops) => {
      const line: OpsLine = { fn: functionName, service: "firestore", method, ...ops };
      appendFileSync(opsFile, `${JSON.stringify(line)}\n`);
    });
  }
  return metering;
}
