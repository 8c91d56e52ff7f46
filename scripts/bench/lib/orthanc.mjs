// Orthanc as the performance peer, run as ../shared/tools/orthanc-peer does:
// a fresh storage folder per run, HTTP on 127.0.0.1 only, the whole ZIP
// POSTed to /instances, stopped by PID afterwards.
import { mkdirSync, rmSync, writeFileSync, createReadStream, statSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { onCleanup } from "./cleanup.mjs";
import { findFreePort, spawnLogged, stopProcessGroup, waitFor } from "./processes.mjs";
import { kbToMb, startMemorySampler } from "./proc-memory.mjs";
import { readCpuSeconds } from "./cpu-proc.mjs";
import { buildOrthancConfig } from "../../orthanc/orthanc-peer.cjs";

/** Streams the file as the request body, so a 1 GB ZIP never sits in the bench's memory. */
export function postFile(url, path) {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "Content-Type": "application/zip", "Content-Length": statSync(path).size } }, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    createReadStream(path).on("error", reject).pipe(req);
  });
}

/**
 * A fresh Orthanc in `workDir` on a free port; `dicomWebServers` (optional)
 * are the remote DICOMweb servers its client may call.
 */
export async function startOrthanc({ binary, root, workDir, logPath, dicomWebServers }) {
  const port = await findFreePort();
  const storageDir = join(workDir, "db");
  mkdirSync(storageDir, { recursive: true });
  const configPath = join(workDir, "orthanc.json");
  writeFileSync(configPath, JSON.stringify(buildOrthancConfig({ root, storageDir, port, dicomWebServers }), null, 2));
  const server = spawnLogged(binary, [configPath], { cwd: workDir, env: process.env, logPath });
  const stop = onCleanup("Orthanc", async () => {
    await stopProcessGroup(server);
    rmSync(workDir, { recursive: true, force: true });
  });
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitFor(`waiting for Orthanc on ${origin}/system`, async () => (await fetch(`${origin}/system`)).ok, {
      timeoutMs: 30_000,
      intervalMs: 100,
      abort: () => server.hasExited() && `Orthanc exited; see ${logPath}`,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, pid: server.child.pid, stop };
}

/**
 * Ingests the ZIP into a fresh Orthanc and returns its figures. Time runs
 * from the first byte sent to the last byte of the answer, which is when
 * Orthanc has stored and indexed every instance.
 */
export async function benchOrthanc({ binary, root, cacheDir, stamp, dataset, log }) {
  const workDir = join(cacheDir, `orthanc-${stamp}`);
  const logPath = join(cacheDir, "logs", stamp, "orthanc.log");
  const { origin, pid, stop } = await startOrthanc({ binary, root, workDir, logPath });
  try {
    const version = (await (await fetch(`${origin}/system`)).json()).Version;
    log(`Orthanc ${version} on ${origin} (PID ${pid}); POST ${dataset.zipPath}...`);
    const sampler = startMemorySampler(() => new Map([[pid, "Orthanc"]]));
    const cpuBefore = readCpuSeconds(pid);
    const started = performance.now();
    const response = await postFile(`${origin}/instances`, dataset.zipPath);
    const seconds = (performance.now() - started) / 1000;
    // Orthanc has stored and indexed every instance once it answers; its CPU since the POST began is the ingest's.
    const cpuAfter = readCpuSeconds(pid);
    const [peak] = sampler.stop();
    if (response.status !== 200) throw new Error(`Orthanc POST /instances: HTTP ${response.status}: ${response.body.slice(0, 300)}`);
    const results = JSON.parse(response.body);
    const statuses = {};
    for (const { Status } of results) statuses[Status] = (statuses[Status] ?? 0) + 1;
    const stored = statuses.Success ?? 0;
    const cpuSeconds = cpuBefore !== null && cpuAfter !== null ? cpuAfter - cpuBefore : null;
    return { instances: stored, seconds, rate: stored / seconds, peakRssMb: peak ? kbToMb(peak.hwmKb) : null, cpuSeconds, statuses, version };
  } finally {
    await stop();
  }
}
