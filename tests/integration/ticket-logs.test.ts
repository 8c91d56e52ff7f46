/**
 * No credential reaches the logs: every log line the emulators collect
 * (functions' console output, the Hosting rewrite and function runtime
 * messages, and Hosting's access log of every request path) is read back
 * from the logging emulator after a viewer session,
 * a share open, its manifest and its download, and must hold no ticket and
 * no share token. The logging emulator keeps its whole history and sends it
 * to each new connection.
 */
import WebSocket from "ws";
import { createUploader, type Uploader } from "../support/ingest-client";
import { createShareLink, getPath, openShare, openViewerSession, postPath, sendRaw, ticketFor, tokenOf, uploadSmallStudy } from "../support/share-client";

async function loggingEmulatorUrl(): Promise<string> {
  const hub = process.env.FIREBASE_EMULATOR_HUB;
  if (!hub) throw new Error("FIREBASE_EMULATOR_HUB is not set: run through `npm test`");
  const emulators = (await (await fetch(`http://${hub}/emulators`)).json()) as Record<string, { host: string; port: number }>;
  const logging = emulators.logging;
  if (!logging) throw new Error("The logging emulator is not running (scripts/test.mjs sets START_LOGGING_EMULATOR=true)");
  return `ws://${logging.host}:${logging.port}`;
}

/**
 * Every log message so far (the raw JSON the emulator sends, so that data
 * fields are searched too), once `ended` api requests logged since `sinceMs`
 * have finished: the runtime logs each request's end after its answer.
 */
async function readLogs(sinceMs: number, ended: number, timeoutMs = 60_000): Promise<string> {
  const socket = new WebSocket(await loggingEmulatorUrl());
  const lines: string[] = [];
  let finished = 0;
  try {
    return await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${finished} of ${ended} api requests were logged as finished; last lines:\n${lines.slice(-20).join("\n")}`)), timeoutMs);
      socket.on("message", (data: Buffer) => {
        const raw = data.toString("utf8");
        lines.push(raw);
        const bundle = JSON.parse(raw) as { timestamp: number; message: string };
        if (bundle.timestamp >= sinceMs && /Finished "(?:[^"]*-)?api"/.test(bundle.message)) finished += 1;
        if (finished >= ended) {
          clearTimeout(timer);
          resolve(lines.join("\n"));
        }
      });
      socket.on("error", reject);
    });
  } finally {
    socket.close();
  }
}

let owner: Uploader;

beforeAll(async () => {
  owner = await createUploader("ticket-logs");
});

it("no viewer ticket or share token appears in the function or Hosting logs", async () => {
  const study = await uploadSmallStudy(owner);
  const since = Date.now();
  const secrets: string[] = [];

  const viewer = await openViewerSession(owner, study.studyInstanceUID);
  expect(viewer.status).toBe(201);
  secrets.push(ticketFor(viewer.body.manifestPath)!);
  expect((await getPath(viewer.body.manifestPath)).status).toBe(200);
  // A refused request with a forged ticket is logged too, and must not echo it.
  const forged = `${secrets[0]!.split(".")[0]}.${"A".repeat(43)}`;
  secrets.push(forged);
  expect((await sendRaw(viewer.body.manifestPath, { method: "GET", headers: { Cookie: `__session=${forged}` } })).status).toBe(403);

  const link = await createShareLink(owner, { StudyInstanceUID: study.studyInstanceUID, allowDownload: true });
  const token = tokenOf(link.body.path);
  secrets.push(token);
  const grant = (await openShare(token)).body;
  expect(grant.state).toBe("open");
  secrets.push(ticketFor(grant.manifestPath)!);
  expect((await getPath(grant.manifestPath)).status).toBe(200);
  expect((await postPath(grant.downloadPath)).status).toBe(201);

  for (const secret of secrets) expect(secret.length).toBeGreaterThan(40);
  // Seven requests reached the api function: wait until the runtime has logged each one's end.
  const logs = await readLogs(since, 7);
  // The Hosting emulator logs every request's path, as production's request logs do: the paths are there, the tickets are not.
  expect(logs).toContain(viewer.body.manifestPath);
  expect(logs).toContain(grant.manifestPath);
  for (const secret of secrets) {
    expect(logs).not.toContain(secret);
    // Also not in parts: a ticket's signature, or its claims.
    for (const part of secret.split(".")) if (part.length >= 20) expect(logs).not.toContain(part);
  }
});
