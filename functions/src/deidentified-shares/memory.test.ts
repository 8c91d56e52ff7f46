import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";

/**
 * The emulator sets no memory limit, so only a measurement shows whether a
 * de-identified link's copies are made within the memory the task is
 * deployed with. The real task runs in a child process
 * (testing/measure-prepare.ts) over a study whose originals and copies
 * together would not fit, and its peak resident set is held to the
 * deployed memory. Slices of 128 MiB, because then four at once (the count
 * bound alone, without the bound on bytes in flight) would not fit either.
 */
const MiB = 1024 * 1024;
const deployedMiB = (() => {
  const index = readFileSync(path.resolve(__dirname, "..", "index.ts"), "utf8");
  const match = /deidentifiedCopies = onTaskDispatched\(\s*\{\s*memory: "(\d+)GiB"/.exec(index);
  if (!match) throw new Error("functions/src/index.ts: deidentifiedCopies's memory option not found");
  return Number(match[1]) * 1024;
})();

interface Measured {
  peakBytes: number;
  result?: string;
  status?: string;
  copies?: number;
  copiedBytes?: number;
}

function measure(args: string[]): Promise<Measured> {
  const testing = path.join(__dirname, "testing");
  const node = [`--max-old-space-size=${deployedMiB}`, "-r", path.join(__dirname, "..", "ingest", "testing", "register-ts.js"), path.join(testing, "measure-prepare.ts"), ...args];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, node, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code, signal) => (code === 0 ? resolve(JSON.parse(out) as Measured) : reject(new Error(`measure-prepare ended with ${code ?? signal}: ${err}`))));
  });
}

it("a study of 8 native CT slices of 128 MiB is de-identified for a link within the deployed memory", async () => {
  const instances = 8;
  const [rows, columns] = [8192, 8192]; // 16-bit: 128 MiB of pixels per slice
  const idle = await measure(["idle"]);
  const run = await measure([String(instances), String(rows), String(columns)]);
  const originalBytes = instances * rows * columns * 2;
  console.info(
    `deidentifiedCopies, ${instances} × ${(rows * columns * 2) / MiB} MiB: peak RSS ${Math.round(run.peakBytes / MiB)} MiB ` +
      `(idle child ${Math.round(idle.peakBytes / MiB)} MiB, so ${Math.round((run.peakBytes - idle.peakBytes) / MiB)} MiB above it) of ${deployedMiB} MiB deployed`,
  );
  expect(run).toMatchObject({ result: "ready", status: "ready", copies: instances });
  // Holding every original with its copy would not fit: the bound in flight is what is measured.
  expect(originalBytes + run.copiedBytes!).toBeGreaterThan(deployedMiB * MiB);
  expect(run.peakBytes).toBeLessThan(deployedMiB * MiB);
}, 120_000);
