/**
 * `npm start` as a user lives with it: accounts survive a stop and a restart,
 * and a busy port or a missing Java gets a sentence, not a stack trace.
 */
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runStartScript, startProduct, stopProduct, waitForExit } from "../support/start-process";

const PORT_BASE = Number(process.env.PACS_PORT_BASE ?? 27600);
const authOrigin = `http://127.0.0.1:${PORT_BASE + 1}`;
const inboxOrigin = `http://127.0.0.1:${PORT_BASE + 11}`;
const projectId = "demo-radiology-pacs";

async function signUpThroughAuthEmulator(email: string): Promise<string> {
  const response = await fetch(`${authOrigin}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password: "persist-me-please", returnSecureToken: true }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { localId: string }).localId;
}

async function findAccount(email: string): Promise<{ localId: string } | undefined> {
  const response = await fetch(`${authOrigin}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:query`, {
    method: "POST",
    headers: { Authorization: "Bearer owner", "Content-Type": "application/json" },
    body: JSON.stringify({ returnUserInfo: true }),
  });
  const { userInfo = [] } = (await response.json()) as { userInfo?: { localId: string; email: string }[] };
  return userInfo.find((user) => user.email === email);
}

describe("npm start", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "pacs-data-"));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("keeps the accounts created before a stop and a restart", async () => {
    const env = { PACS_PORT_BASE: String(PORT_BASE), PACS_DATA_DIR: dataDir };
    // The first start is exactly `npm start`: build, then serve.
    const first = await startProduct(env, []);
    const page = await fetch(first.url + "/signup/");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Create your account");
    expect(first.url).toBe(`http://127.0.0.1:${PORT_BASE}`);
    // The local email inbox runs with the product, is announced, and stops with it.
    expect(first.output()).toContain(`Emails it sends arrive in the local inbox at ${inboxOrigin}`);
    expect((await fetch(`${inboxOrigin}/email`)).status).toBe(200);
    const uid = await signUpThroughAuthEmulator("kept@example.test");
    expect(await stopProduct(first.child)).toBe(0);
    expect(existsSync(join(dataDir, "firebase-export-metadata.json"))).toBe(true);
    await expect(fetch(`${inboxOrigin}/email`)).rejects.toThrow();

    const second = await startProduct(env, ["--no-build"]);
    try {
      expect(await findAccount("kept@example.test")).toEqual(expect.objectContaining({ localId: uid }));
    } finally {
      await stopProduct(second.child, "SIGTERM");
    }
  });

  it("names the busy port and how to move the ports, without a stack trace", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(PORT_BASE + 2, "127.0.0.1", resolve));
    try {
      const { code, output } = await waitForExit(runStartScript({ PACS_PORT_BASE: String(PORT_BASE) }));
      expect(code).toBe(2);
      expect(output).toContain(`These ports are in use by another program: firestore (${PORT_BASE + 2}, set PACS_PORT_FIRESTORE)`);
      expect(output).toContain("PACS_PORT_BASE");
      expect(output).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it("says how to install Java when it is missing", async () => {
    const { code, output } = await waitForExit(runStartScript({ PACS_PORT_BASE: String(PORT_BASE), PATH: "/nonexistent" }));
    expect(code).toBe(2);
    expect(output).toContain("Java is not installed, and the Firebase emulators need it");
    expect(output).not.toMatch(/\n\s+at /);
  });
});
