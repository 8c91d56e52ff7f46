// The local SMTP server with a web inbox (maildev), run beside the emulators
// by `npm start` and `npm test`. Functions send to it through PACS_SMTP_URL
// (set in setup.mjs); people read the inbox page, tests its REST API
// (tests/support/mailbox.ts). It only listens on 127.0.0.1 and never relays.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { SetupError } from "./java.mjs";
import { assertPortsFree } from "./preflight.mjs";

const READY_TIMEOUT_MS = 30_000;

/** The addresses functions and tests use; the same for a run whether or not maildev is up yet. */
export function mailUrls(ports) {
  return { smtpUrl: `smtp://127.0.0.1:${ports.mail}`, inboxUrl: `http://127.0.0.1:${ports.mailWeb}` };
}

function maildevBin(root) {
  return join(root, "node_modules", "maildev", "bin", "maildev");
}

async function isUp(inboxUrl) {
  try {
    return (await fetch(`${inboxUrl}/healthz`)).ok;
  } catch {
    return false;
  }
}

function waitUntilReady(child, inboxUrl, logFile) {
  return new Promise((resolve, reject) => {
    const fail = (why) => {
      clearInterval(poll);
      let log = "";
      try {
        log = readFileSync(logFile, "utf8").trim().split("\n").slice(-10).join("\n");
      } catch {
        // no log yet
      }
      reject(new SetupError(`The local mail server (maildev) ${why}.${log ? `\nIts last output:\n${log}` : ""}`));
    };
    const deadline = Date.now() + READY_TIMEOUT_MS;
    const poll = setInterval(async () => {
      if (await isUp(inboxUrl)) {
        clearInterval(poll);
        child.off("exit", onExit);
        resolve();
      } else if (Date.now() > deadline) {
        child.kill("SIGTERM");
        fail(`did not answer at ${inboxUrl} within ${READY_TIMEOUT_MS / 1000} s`);
      }
    }, 200);
    const onExit = (code) => fail(`stopped (exit code ${code}) before it was ready`);
    child.once("exit", onExit);
  });
}

/**
 * Starts maildev on ports.mail (SMTP) and ports.mailWeb (inbox page and
 * REST API) and resolves once it answers. Its messages live in a folder of
 * their own under .cache/mail, removed by stop(): each run starts with an
 * empty inbox. stop() ends the process by its PID.
 */
export async function startMailServer(root, ports) {
  // Also checked with the emulators' ports in setup.mjs; again here for callers that start mail alone.
  await assertPortsFree(ports, ["mail", "mailWeb"]);
  const cacheDir = join(root, ".cache", "mail");
  mkdirSync(cacheDir, { recursive: true });
  const mailDir = mkdtempSync(join(cacheDir, `inbox-${ports.mail}-`));
  const logFile = join(cacheDir, `maildev-${ports.mail}.log`);
  const log = openSync(logFile, "w");
  const { smtpUrl, inboxUrl } = mailUrls(ports);
  const args = ["--smtp", String(ports.mail), "--web", String(ports.mailWeb), "--ip", "127.0.0.1", "--web-ip", "127.0.0.1"];
  const child = spawn(process.execPath, [maildevBin(root), ...args, "--mail-directory", mailDir], {
    cwd: root,
    stdio: ["ignore", log, log],
    // Its own process group, like firebase-tools: a terminal's Ctrl+C does not
    // drop it mid-shutdown; the script that started it stops it by PID. One
    // orphaned by a kill -9 is found and stopped by leftovers.mjs next time.
    detached: true,
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      process.kill(child.pid, "SIGTERM");
      await exited;
    }
    rmSync(mailDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, inboxUrl, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { smtpUrl, inboxUrl, pid: child.pid, stop };
}
