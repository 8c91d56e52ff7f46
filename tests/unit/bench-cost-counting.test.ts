/**
 * The ingest bench prices what it counts (scripts/bench/lib/ops-*.mjs,
 * cost-report.mjs): a Storage request in the wrong class, a missed function
 * invocation or a misread memory size would print a wrong dollar figure
 * without any error. The bench modules are ES modules, so they run in a
 * child `node` and answer in JSON.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const lib = join(__dirname, "..", "..", "scripts", "bench", "lib");

function runInNode<T>(body: string): T {
  const script = `
    import * as storage from ${JSON.stringify(join(lib, "ops-storage.mjs"))};
    import * as count from ${JSON.stringify(join(lib, "ops-count.mjs"))};
    import * as report from ${JSON.stringify(join(lib, "cost-report.mjs"))};
    const result = await (async () => { ${body} })();
    process.stdout.write(JSON.stringify(result));
  `;
  return JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" })) as T;
}

describe("counting what the ingest bench prices", () => {
  it("classes Cloud Storage requests as Google bills them", () => {
    const classes = runInNode<Record<string, string>>(`
      const c = (method, url) => storage.classifyStorageRequest(method, url);
      return {
        simpleUpload: c("POST", "/upload/storage/v1/b/demo-pacs-instances/o?uploadType=multipart&name=a.dcm"),
        resumableChunk: c("PUT", "/upload/storage/v1/b/demo.appspot.com/o?uploadType=resumable&upload_id=x"),
        metadata: c("GET", "/storage/v1/b/demo.appspot.com/o/uploads%2Fu%2Fb%2Ff"),
        media: c("GET", "/download/storage/v1/b/demo.appspot.com/o/uploads%2Fu?alt=media"),
        mediaJson: c("GET", "/storage/v1/b/demo.appspot.com/o/uploads%2Fu?alt=media"),
        list: c("GET", "/storage/v1/b/demo.appspot.com/o?prefix=instances/"),
        patch: c("PATCH", "/storage/v1/b/demo.appspot.com/o/a"),
        remove: c("DELETE", "/storage/v1/b/demo.appspot.com/o/a"),
        signedRead: c("GET", "/demo-pacs-instances/instances/u/1.2/1.3/1.4.dcm?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Signature=ab"),
        firebaseUpload: c("POST", "/v0/b/demo.appspot.com/o?name=x"),
      };
    `);
    expect(classes).toEqual({
      simpleUpload: "A",
      resumableChunk: "A",
      metadata: "B",
      media: "B",
      mediaJson: "B",
      list: "A",
      patch: "A",
      remove: "free",
      signedRead: "B",
      firebaseUpload: "A",
    });
  });

  it("reads each finished invocation from the Functions emulator's log, and sums Firestore lines per function", () => {
    const read = runInNode<{ calls: Array<{ name: string; ms: number }>; sums: Record<string, unknown> }>(`
      const log = [
        "i  functions: Beginning execution of \\"europe-west1-ingestUpload\\"",
        "i  functions: Finished \\"europe-west1-api\\" in 200.5ms",
        "i  functions: Finished \\"europe-west1-ingestUpload\\" in 16006.3ms",
      ].join("\\n");
      const lines = [
        JSON.stringify({ fn: "api", method: "commit", reads: 0, missing: 0, writes: 1, deletes: 0 }),
        JSON.stringify({ fn: "ingestUpload", method: "batchGetDocuments", reads: 0, missing: 1, writes: 0, deletes: 0 }),
        JSON.stringify({ fn: "ingestUpload", method: "commit", reads: 0, missing: 0, writes: 31, deletes: 2 }),
      ];
      return { calls: count.readInvocations(log), sums: count.sumFirestoreLines(lines) };
    `);
    expect(read.calls).toEqual([
      { name: "api", ms: 200.5 },
      { name: "ingestUpload", ms: 16006.3 },
    ]);
    expect(read.sums).toEqual({
      reads: 0,
      missing: 1,
      writes: 32,
      deletes: 2,
      byFunction: { api: { reads: 0, missing: 0, writes: 1, deletes: 0 }, ingestUpload: { reads: 0, missing: 1, writes: 31, deletes: 2 } },
    });
  });

  it("bills each invocation by its deployed memory and CPUs, rounded up to 100 ms", () => {
    const billed = runInNode<{ resources: Record<string, unknown>; compute: Record<string, number> }>(`
      const index = [
        'export const api = onRequest({ secrets: [a], cpu: 1, memory: "1GiB", concurrency: 80 }, async () => {});',
        'export const ingestUpload = onObjectFinalized({ memory: "512MiB", timeoutSeconds: 540, retry: true }, async () => {});',
        'export const purgeExpired = onSchedule({ schedule: "every day 03:00" }, async () => {});',
      ].join("\\n");
      const resources = report.readDeployedResources(index);
      return { resources, compute: report.computeSeconds([{ name: "api", ms: 120 }, { name: "ingestUpload", ms: 1000 }], resources) };
    `);
    expect(billed.resources).toEqual({
      api: { memoryGib: 1, cpus: 1 },
      ingestUpload: { memoryGib: 0.5, cpus: 1 },
      purgeExpired: { memoryGib: 0.25, cpus: 1 },
    });
    expect(billed.compute.invocations).toBe(2);
    expect(billed.compute.gibSeconds).toBeCloseTo(0.2 * 1 + 1 * 0.5, 6);
    expect(billed.compute.vcpuSeconds).toBeCloseTo(1.2, 6);
  });
});

it("prices compute at the workers' CPU time as a lower bound, per deployed memory and CPUs", () => {
  const priced = runInNode<{ vcpuSeconds: number; gibSeconds: number; dollars: number }>(`
    const resources = { ingestUpload: { memoryGib: 1, cpus: 1 }, api: { memoryGib: 0.5, cpus: 2 } };
    return report.priceCpuTime([{ label: "ingestUpload", cpuSeconds: 10 }, { label: "api", cpuSeconds: 2 }], resources, 1000 / 300);
  `);
  expect(priced.vcpuSeconds).toBeCloseTo((12 * 1000) / 300, 6);
  expect(priced.gibSeconds).toBeCloseTo(((10 + (2 / 2) * 0.5) * 1000) / 300, 6);
  expect(priced.dollars).toBeCloseTo(priced.vcpuSeconds * 0.000024 + priced.gibSeconds * 0.0000025, 9);
});
