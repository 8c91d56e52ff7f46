// Our ingest measured by what it costs, in the same run as its rate: the
// ingest worker's CPU time, every Firestore, Storage and function operation
// of the ingest and of one study opened afterwards, and their price.
import { openStudyOnce } from "./cost-open.mjs";
import { loadDeployedResources, priceCounts, priceCpuTime, pricePeers } from "./cost-report.mjs";
import { startCpuSampler } from "./cpu-proc.mjs";
import { createVerifiedUser, readDocument } from "./pacs-client.mjs";
import { benchOurs, findFunctionWorkers } from "./ours.mjs";

const INGEST_FUNCTION = "ingestUpload";

/**
 * benchOurs (ours.mjs) with counting around it. `counting` comes from
 * startOpsCounting (ops-count.mjs), whose env the emulators were started
 * with; `logPath` is the emulators' log, where invocations are read.
 * Returns benchOurs' figures plus `cost`.
 */
export async function benchOursWithCost({ root, emulators, counting, logPath, dataset, timeoutMs, log }) {
  const resources = loadDeployedResources(root);
  // The bench's own upload goes through the Storage counter too: it is the user's Class A request.
  const counted = { ...emulators, ports: { ...emulators.ports, storage: counting.storagePort } };
  // Start-up and the health check are no part of the ingest: wait for the check's "Finished" line, then drop it.
  await counting.waitForInvocations(logPath, "api", 1);
  counting.take(logPath);
  const user = await createVerifiedUser(emulators);
  const cpu = startCpuSampler(findFunctionWorkers(emulators.pid));
  let workers;
  let ours;
  try {
    ours = await benchOurs({ emulators: counted, dataset, timeoutMs, log, user });
    // The batch is "done" a moment before the invocation ends (the upload is deleted last).
    await counting.waitForInvocations(logPath, INGEST_FUNCTION, 1);
  } finally {
    workers = cpu.stop();
  }
  const ingestCounts = counting.take(logPath);
  const oursCpu = workers.filter((w) => w.label === INGEST_FUNCTION).reduce((sum, w) => sum + w.cpuSeconds, 0);

  const batch = await readDocument(emulators, `users/${user.uid}/uploads/${ours.batchId}`);
  const [studyUID] = batch?.studyInstanceUIDs ?? [];
  const study = studyUID ? await readDocument(emulators, `users/${user.uid}/studies/${studyUID}`) : null;
  let open = null;
  if (study) {
    log(`opening study ${studyUID} once (viewer session, manifest, ${study.NumberOfStudyRelatedInstances} signed URLs)...`);
    const fetched = await openStudyOnce({ functionsOrigin: emulators.functionsOrigin, user, studyUID, storageOrigin: counting.storageOrigin });
    await counting.waitForInvocations(logPath, "api", 2);
    open = { ...fetched, counts: counting.take(logPath) };
  }
  const instances = ours.instances || 1;
  const storedBytes = study?.totalBytes ?? 0;
  const ingest = { counts: ingestCounts, ...priceCounts(ingestCounts, resources, 1000 / instances), cpuTime: priceCpuTime(workers, resources, 1000 / instances) };
  const opened = open ? { instances: open.instances, bytes: open.bytes, counts: open.counts, ...priceCounts(open.counts, resources) } : null;
  return {
    ...ours,
    cost: {
      instances,
      storedBytes,
      resources,
      cpu: { oursSeconds: oursCpu, oursPerInstance: oursCpu / instances, workers },
      ingest,
      open: opened,
      peers: pricePeers({ instances: 1000, bytes: (storedBytes * 1000) / instances, openInstances: opened?.instances ?? 0 }),
    },
  };
}

/** The CPU target, once Orthanc's figure is known: ours per instance <= Orthanc's, in the same run. */
export function evaluateCostTargets(cost, orthanc) {
  const orthancPerInstance = orthanc?.cpuSeconds != null && orthanc.instances > 0 ? orthanc.cpuSeconds / orthanc.instances : null;
  return { cpuAtMostOrthanc: cost && orthancPerInstance !== null ? cost.cpu.oursPerInstance <= orthancPerInstance : null, orthancCpuPerInstance: orthancPerInstance };
}
