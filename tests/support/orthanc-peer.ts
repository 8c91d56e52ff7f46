/**
 * Orthanc 1.10 with its DICOMweb plugin as an independent DICOMweb client of
 * our service, for tests: a fresh storage folder per peer, HTTP on a port of
 * the test range (127.0.0.1; remote access refused), our service registered
 * among its DICOMweb servers, started and stopped by PID. Tests skip with
 * {@link orthancMissing}'s sentence where Orthanc is not installed (CI
 * installs it: .ci/run).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
// One copy of where Orthanc lives and how it is configured, shared with the benchmarks.
import { buildOrthancConfig, DICOMWEB_PLUGIN, findOrthanc, INSTALL_HINT } from "../../scripts/orthanc/orthanc-peer.cjs";

const root = path.join(__dirname, "..", "..");
/** Orthanc peers listen above the emulators' ports (scripts/emulators/ports.mjs uses base + 0..11). */
const PORT_OFFSET = 40;

const binary: string | null = findOrthanc();

/** Why the Orthanc tests cannot run here, or null when they can. */
export const orthancMissing: string | null = !binary
  ? `Orthanc is not installed, so the DICOMweb interoperability tests are skipped. Install it: ${INSTALL_HINT}`
  : !existsSync(DICOMWEB_PLUGIN)
    ? `Orthanc's DICOMweb plugin (${DICOMWEB_PLUGIN}) is missing, so the DICOMweb interoperability tests are skipped. Install it: ${INSTALL_HINT}`
    : null;

export interface OrthancPeer {
  origin: string;
  pid: number;
  /** Calls Orthanc's REST API; a JSON body is sent as JSON, bytes as they are. */
  call(method: "GET" | "POST" | "DELETE", route: string, body?: unknown): Promise<{ status: number; text: string; json(): any }>;
  /** Stores one DICOM file through Orthanc's REST API (`POST /instances`) and returns Orthanc's answer. */
  storeInstance(bytes: Uint8Array): Promise<{ ID: string; ParentSeries: string; ParentStudy: string; Status: string }>;
  /** SHA-256 of every stored instance's file, by SOP Instance UID. */
  readInstanceDigests(): Promise<Map<string, string>>;
  /** The end of Orthanc's log: its DICOMweb client says there what the remote server answered. */
  logTail(): string;
  stop(): Promise<void>;
}

/**
 * A DicomWeb.Servers entry for `url` sending the token as Bearer, the way
 * Settings → Connect a tool offers besides Basic; Orthanc's defaults
 * otherwise (STOW-RS bodies with chunked transfer encoding, WADO-RS asking
 * for `transfer-syntax=*`).
 */
export function buildBearerServer(url: string, token: string) {
  return { Url: url, HttpHeaders: { Authorization: `Bearer ${token}` } };
}

/**
 * Starts an empty Orthanc whose remote DICOMweb servers are `servers`
 * (Orthanc's `DicomWeb.Servers`); `index` picks its port in the test range.
 */
export async function startOrthancPeer({ index, servers }: { index: number; servers: Record<string, object> }): Promise<OrthancPeer> {
  if (!binary || orthancMissing) throw new Error(orthancMissing ?? "Orthanc is missing");
  const port = Number(process.env.PACS_PORT_BASE ?? 27500) + PORT_OFFSET + index;
  const workDir = mkdtempSync(path.join(tmpdir(), "orthanc-peer-"));
  const configPath = path.join(workDir, "orthanc.json");
  const config = buildOrthancConfig({ root, storageDir: path.join(workDir, "db"), port, dicomWebServers: servers });
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const child = spawn(binary, ["--verbose", configPath], { cwd: workDir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  child.stderr!.on("data", (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
  const origin = `http://127.0.0.1:${port}`;
  const stop = () => stopByPid(child, workDir);
  try {
    await waitUntilAnswering(origin, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const call: OrthancPeer["call"] = async (method, route, body) => {
    const isBytes = body instanceof Uint8Array;
    const response = await fetch(`${origin}${route}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": isBytes ? "application/dicom" : "application/json" },
      body: body === undefined ? undefined : isBytes ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, text, json: () => JSON.parse(text) };
  };
  return {
    origin,
    pid: child.pid!,
    call,
    async storeInstance(bytes) {
      const answer = await call("POST", "/instances", bytes);
      if (answer.status !== 200) throw new Error(`Orthanc POST /instances: HTTP ${answer.status}: ${answer.text}`);
      return answer.json();
    },
    async readInstanceDigests() {
      const digests = new Map<string, string>();
      for (const id of (await call("GET", "/instances")).json() as string[]) {
        const { MainDicomTags } = (await call("GET", `/instances/${id}`)).json();
        const file = Buffer.from(await (await fetch(`${origin}/instances/${id}/file`)).arrayBuffer());
        digests.set(MainDicomTags.SOPInstanceUID, sha256(file));
      }
      return digests;
    },
    logTail: () => output.slice(-3000),
    stop,
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

async function waitUntilAnswering(origin: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`Orthanc exited (${child.exitCode ?? child.signalCode}) before answering:\n${output()}`);
    const answered = await fetch(`${origin}/system`).then((r) => r.ok, () => false);
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Orthanc did not answer on ${origin}/system within 30 s:\n${output()}`);
}

/** SIGTERM by PID (Orthanc closes its database cleanly), SIGKILL after 10 s, then its storage folder goes. */
async function stopByPid(child: ChildProcess, workDir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    process.kill(child.pid!, "SIGTERM");
    const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid!, "SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(workDir, { recursive: true, force: true });
}
