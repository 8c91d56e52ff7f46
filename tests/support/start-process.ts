/**
 * Runs `npm start`'s script as a newcomer would, on its own ports and data
 * folder, and stops it by PID the way Ctrl+C does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

export interface StartedProduct {
  child: ChildProcess;
  url: string;
  output: () => string;
}

export function runStartScript(env: NodeJS.ProcessEnv, args: string[] = ["--no-build"]): ChildProcess {
  return spawn(process.execPath, [join(root, "scripts", "start.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** Resolves with the URL once the product is up; rejects with its output if it exits first. */
export function startProduct(env: NodeJS.ProcessEnv, args?: string[], timeoutMs = 300_000): Promise<StartedProduct> {
  const child = runStartScript(env, args);
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`npm start was not ready after ${timeoutMs} ms:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /PACS_READY (\S+)/.exec(output);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: ready[1], output: () => output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** Stops the product by PID, as Ctrl+C would, and waits for its exit code. */
export function stopProduct(child: ChildProcess, signal: NodeJS.Signals = "SIGINT", timeoutMs = 120_000): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error("npm start did not stop in time"));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    process.kill(child.pid!, signal);
  });
}

/** Waits for the process to exit by itself and returns its code and output. */
export function waitForExit(child: ChildProcess, timeoutMs = 120_000): Promise<{ code: number | null; output: string }> {
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`still running after ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
