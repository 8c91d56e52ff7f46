// What the counted operations cost at list prices (cost-prices.mjs): dollars
// per 1,000 instances ingested and per study opened, beside what the
// Healthcare API and AWS HealthImaging charge for the same work.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PEERS, PRICES, PRICES_READ_ON } from "./cost-prices.mjs";

/** Cloud Run functions' default when a function names no memory. */
const DEFAULT_MEMORY_GIB = 0.25;
const UNITS_GIB = { MiB: 1 / 1024, GiB: 1, MB: 1 / 1024, GB: 1 };

/**
 * Memory (GiB) and CPUs each exported function is deployed with, read from
 * the options object of `export const name = onSomething({ ... })` in
 * functions/src/index.ts. CPU defaults to 1 (firebase-functions v2: "1 for
 * functions with <= 2GB RAM").
 */
export function readDeployedResources(indexSource) {
  const resources = {};
  for (const [, name, options] of indexSource.matchAll(/export const (\w+) = on\w+\(\s*(\{[^}]*\})?/g)) {
    const memory = /memory:\s*"(\d+)(MiB|GiB|MB|GB)"/.exec(options ?? "");
    const cpu = /cpu:\s*(\d+(?:\.\d+)?)/.exec(options ?? "");
    resources[name] = { memoryGib: memory ? Number(memory[1]) * UNITS_GIB[memory[2]] : DEFAULT_MEMORY_GIB, cpus: cpu ? Number(cpu[1]) : 1 };
  }
  return resources;
}

export function loadDeployedResources(root) {
  return readDeployedResources(readFileSync(join(root, "functions", "src", "index.ts"), "utf8"));
}

/** Compute billed for the invocations: each rounded up to 100 ms, times the function's memory and CPUs. */
export function computeSeconds(invocations, resources) {
  let gibSeconds = 0;
  let vcpuSeconds = 0;
  let seconds = 0;
  for (const { name, ms } of invocations) {
    const billed = Math.ceil(ms / 100) / 10;
    const own = resources[name] ?? { memoryGib: DEFAULT_MEMORY_GIB, cpus: 1 };
    seconds += billed;
    gibSeconds += billed * own.memoryGib;
    vcpuSeconds += billed * own.cpus;
  }
  return { invocations: invocations.length, seconds, gibSeconds, vcpuSeconds };
}

/** Dollars for one phase's counts; `scale` turns them into "per 1,000 instances" or leaves them per study. */
export function priceCounts({ firestore, storage, invocations }, resources, scale = 1) {
  const compute = computeSeconds(invocations, resources);
  const ops = {
    firestoreReads: (firestore.reads + firestore.missing) * scale,
    firestoreWrites: firestore.writes * scale,
    firestoreDeletes: firestore.deletes * scale,
    storageClassA: storage.A * scale,
    storageClassB: storage.B * scale,
    storageUnknown: storage.unknown * scale,
    invocations: compute.invocations * scale,
    gibSeconds: compute.gibSeconds * scale,
    vcpuSeconds: compute.vcpuSeconds * scale,
  };
  const { firestore: fs, storage: gcs, functions: fn } = PRICES;
  const dollars = {
    firestore: (ops.firestoreReads * fs.readPer100k + ops.firestoreWrites * fs.writePer100k + ops.firestoreDeletes * fs.deletePer100k) / 1e5,
    storageOps: (ops.storageClassA * gcs.classAPer1k + ops.storageClassB * gcs.classBPer1k) / 1000,
    functions: ops.vcpuSeconds * fn.vcpuSecond + ops.gibSeconds * fn.gibSecond + (ops.invocations * fn.perMillionInvocations) / 1e6,
  };
  return { ops, dollars: { ...dollars, total: dollars.firestore + dollars.storageOps + dollars.functions } };
}

/**
 * Compute priced at the CPU time the function workers actually used (from
 * /proc): a lower bound, since a function is billed for its wall time and
 * cannot finish faster than its CPU work. Unlike the emulator's wall time, it
 * hardly moves with the machine's load, so it is what shows a change of ours.
 */
export function priceCpuTime(workers, resources, scale = 1) {
  let vcpuSeconds = 0;
  let gibSeconds = 0;
  for (const { label, cpuSeconds } of workers) {
    const own = resources[label] ?? { memoryGib: DEFAULT_MEMORY_GIB, cpus: 1 };
    vcpuSeconds += cpuSeconds * scale;
    gibSeconds += ((cpuSeconds * scale) / own.cpus) * own.memoryGib;
  }
  return { vcpuSeconds, gibSeconds, dollars: vcpuSeconds * PRICES.functions.vcpuSecond + gibSeconds * PRICES.functions.gibSecond };
}

/** The peers' charge for storing `instances` instances of `bytes` (one request each) and for opening a study of `openInstances`. */
export function pricePeers({ instances, bytes, openInstances }) {
  const gb = bytes / 1024 ** 3;
  const { healthcareApi: hc, healthImaging: hi } = PEERS;
  return {
    healthcareApi: {
      ingestOps: (instances * hc.requestPer100k) / 1e5, // one STOW-RS request per instance
      storageMonth: gb * hc.blobGbMonth, // plus structured storage of the indexed metadata, whose size is not published
      open: ((openInstances + 1) * hc.requestPer100k) / 1e5, // study metadata + one retrieve per instance
    },
    healthImaging: {
      ingestOps: 0, // imports are free
      storageMonth: gb * hi.frequentAccessGbMonth,
      open: ((openInstances + 1) * hi.apiPer1k) / 1000, // GetImageSetMetadata + one GetImageFrame per instance
    },
  };
}

const usd = (value) => (value === null || value === undefined ? "-" : `$${value < 0.01 ? value.toFixed(5) : value.toFixed(4)}`);
const n = (value, digits = 0) => (value === null || value === undefined ? "-" : value.toFixed(digits));

/** Prints the cost section of `npm run bench:ingest` (after the rate table). */
export function printCostReport({ cost, orthanc }) {
  if (!cost) return;
  const { cpu, ingest, open, storedBytes, instances } = cost;
  const per1k = 1000 / instances;
  const lines = [
    "",
    "CPU per instance (user+system seconds from /proc, same run; does not depend on the emulators):",
    `  ours (ingestUpload worker, start-up included): ${n(cpu.oursPerInstance * 1000, 2)} ms   Orthanc: ${orthanc?.cpuSeconds != null ? n((orthanc.cpuSeconds / orthanc.instances) * 1000, 2) : "-"} ms`,
    `  target ours <= Orthanc: ${cost.targets.cpuAtMostOrthanc === null ? "not measured" : cost.targets.cpuAtMostOrthanc ? "MET" : "MISSED"}`,
    "",
    `Operations, counted (per 1,000 instances ingested | per study of ${open?.instances ?? "-"} instances opened):`,
    `  Firestore reads / writes / deletes:   ${n(ingest.ops.firestoreReads)} / ${n(ingest.ops.firestoreWrites)} / ${n(ingest.ops.firestoreDeletes)}   |   ${open ? `${n(open.ops.firestoreReads)} / ${n(open.ops.firestoreWrites)} / ${n(open.ops.firestoreDeletes)}` : "-"}`,
    `  Storage class A / class B:            ${n(ingest.ops.storageClassA)} / ${n(ingest.ops.storageClassB)}   |   ${open ? `${n(open.ops.storageClassA)} / ${n(open.ops.storageClassB)}` : "-"}${ingest.ops.storageUnknown ? `  (UNCLASSIFIED requests: ${n(ingest.ops.storageUnknown)})` : ""}`,
    `  invocations, GiB-s, vCPU-s (emulator): ${n(ingest.ops.invocations, 1)}, ${n(ingest.ops.gibSeconds, 1)}, ${n(ingest.ops.vcpuSeconds, 1)}   |   ${open ? `${n(open.ops.invocations)}, ${n(open.ops.gibSeconds, 2)}, ${n(open.ops.vcpuSeconds, 2)}` : "-"}`,
    "",
    `Dollars at list prices read ${PRICES_READ_ON} (docs/performance.md):     per 1,000 ingested   per study opened`,
    `  Firestore                                      ${usd(ingest.dollars.firestore).padStart(12)}   ${usd(open?.dollars.firestore).padStart(12)}`,
    `  Cloud Storage operations                       ${usd(ingest.dollars.storageOps).padStart(12)}   ${usd(open?.dollars.storageOps).padStart(12)}`,
    `  Functions (emulator wall time: an upper bound) ${usd(ingest.dollars.functions).padStart(12)}   ${usd(open?.dollars.functions).padStart(12)}`,
    `  total operations                               ${usd(ingest.dollars.total).padStart(12)}   ${usd(open?.dollars.total).padStart(12)}`,
    `  Functions at the workers' CPU time (lower bound) ${usd(ingest.cpuTime.dollars).padStart(10)}`,
    `  total operations, compute at CPU time          ${usd(ingest.dollars.firestore + ingest.dollars.storageOps + ingest.cpuTime.dollars).padStart(12)}   (does not move with the emulators' speed)`,
    `  + storing them, per month: ${usd((storedBytes * per1k) / 1024 ** 3 * PRICES.storage.standardGbMonth)}; + egress of one open: ${open ? usd((open.bytes / 1024 ** 3) * PRICES.storage.egressGb) : "-"} (same rate for every cloud peer)`,
    `  Healthcare API: ingest ${usd(cost.peers.healthcareApi.ingestOps)}, storing ${usd(cost.peers.healthcareApi.storageMonth)}/month + metadata, open ${usd(cost.peers.healthcareApi.open)}`,
    `  AWS HealthImaging: ingest ${usd(cost.peers.healthImaging.ingestOps)}, storing ${usd(cost.peers.healthImaging.storageMonth)}/month, open ${usd(cost.peers.healthImaging.open)}`,
  ];
  console.log(lines.join("\n"));
}
