// Our ingest, measured the way a user lives it: from the moment the ZIP is
// finalised in Storage (which fires `ingestUpload`) until the batch document
// says "done".
import { setTimeout as sleep } from "node:timers/promises";
import { callApi, createVerifiedUser, readDocument, uploadObject } from "./pacs-client.mjs";
import { isStopping } from "./cleanup.mjs";
import { kbToMb, listDescendants, readProcStrings, startMemorySampler } from "./proc-memory.mjs";

const FILE_ID = "f000001";
const RELATIVE_PATH = "ct.zip";
const INGEST_FUNCTION = "ingestUpload";

/**
 * The Functions emulator runs each function in its own Node worker
 * (functionsEmulatorRuntime) with FUNCTION_TARGET naming the function; the
 * ingest worker is the process whose memory the 512 MB target is about.
 */
export function findFunctionWorkers(emulatorPid) {
  const known = new Map();
  return () => {
    const workers = new Map();
    for (const pid of listDescendants(emulatorPid)) {
      if (!known.has(pid)) {
        const isWorker = readProcStrings(pid, "cmdline").some((arg) => arg.includes("functionsEmulatorRuntime"));
        const target = readProcStrings(pid, "environ").find((entry) => entry.startsWith("FUNCTION_TARGET="));
        // Only a worker is remembered: a process seen between fork and exec still shows its parent's command line.
        if (isWorker) known.set(pid, target?.slice("FUNCTION_TARGET=".length) ?? "(discovery)");
      }
      if (known.get(pid)) workers.set(pid, known.get(pid));
    }
    return workers;
  };
}

async function waitForBatchDone(emulators, path, { timeoutMs, log }) {
  const deadline = Date.now() + timeoutMs;
  let batch = null;
  let lastReport = 0;
  while (Date.now() < deadline) {
    if (isStopping()) throw new Error("stopped by a signal");
    batch = await readDocument(emulators, path);
    if (batch?.status === "done") return { batch, doneAt: performance.now() };
    if (Date.now() - lastReport > 5000) {
      lastReport = Date.now();
      const running = Object.values(batch?.inProgress ?? {})[0];
      const progress = running ? `${running.entriesDone}/${running.entriesTotal ?? "?"} entries` : `${batch?.filesProcessed ?? 0} files processed`;
      log(`  batch ${batch?.status ?? "(no document yet)"}: ${progress}, counts ${JSON.stringify(batch?.counts ?? {})}`);
    }
    await sleep(50);
  }
  throw new Error(`our ingest did not finish within ${timeoutMs / 1000} s; last batch state: ${JSON.stringify(batch)?.slice(0, 800)}`);
}

/** Creates a user (unless given one) and a batch, uploads the ZIP, seals, and waits for "done". */
export async function benchOurs({ emulators, dataset, timeoutMs, log, user: givenUser }) {
  // The data contract's own path builder; imported late because its build (dist/) happens in this run.
  const { buildUploadPath } = await import("@pacs/shared");
  const { functionsOrigin, ports, projectId } = emulators;
  const user = givenUser ?? (await createVerifiedUser(emulators));
  const { batchId } = await callApi(functionsOrigin, "/api/uploads", {
    idToken: user.idToken,
    body: { files: [{ relativePath: RELATIVE_PATH, size: dataset.bytes }] },
  });
  log(`user ${user.uid}, batch ${batchId}: uploading ${dataset.zipPath}...`);

  const sampler = startMemorySampler(findFunctionWorkers(emulators.pid));
  let workers;
  try {
    const uploadStarted = performance.now();
    await uploadObject({
      ports,
      bucket: `${projectId}.appspot.com`,
      name: buildUploadPath(user.uid, batchId, FILE_ID),
      path: dataset.zipPath,
      contentType: "application/zip",
      metadata: { relativePath: RELATIVE_PATH },
    });
    const finalisedAt = performance.now();
    log(`uploaded in ${((finalisedAt - uploadStarted) / 1000).toFixed(1)} s; sealing and waiting for ${INGEST_FUNCTION}...`);
    await callApi(functionsOrigin, `/api/uploads/${batchId}/seal`, { idToken: user.idToken, body: { uploadedFileIds: [FILE_ID] } });
    const { batch, doneAt } = await waitForBatchDone(emulators, `users/${user.uid}/uploads/${batchId}`, { timeoutMs, log });
    workers = sampler.stop();
    const seconds = (doneAt - finalisedAt) / 1000;
    const ingest = workers.filter((w) => w.label === INGEST_FUNCTION);
    return {
      instances: batch.counts.stored,
      seconds,
      rate: batch.counts.stored / seconds,
      uploadSeconds: (finalisedAt - uploadStarted) / 1000,
      peakRssMb: ingest.length > 0 ? kbToMb(Math.max(...ingest.map((w) => w.hwmKb))) : null,
      workers: workers.map((w) => ({ pid: w.pid, function: w.label, peakRssMb: kbToMb(w.hwmKb) })),
      counts: batch.counts,
      problems: batch.problems ?? [],
      batchId,
    };
  } finally {
    if (!workers) sampler.stop();
  }
}
