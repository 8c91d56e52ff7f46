import { randomBytes } from "node:crypto";
import type { Firestore } from "firebase-admin/firestore";
import { dispatchApiRequest, type ApiDeps, type RouteResult } from "../http/routes";
import { TicketKeys, verifyViewerTicket } from "./viewer-ticket";

const STUDY = "1.2.826.0.1.3680043.8.498.1";
const keys = new TicketKeys(randomBytes(32));
let databaseDown = false;

/** Just enough Firestore: every document exists, until the database "goes down" (to reach the 500 path, which logs). */
function fakeDb(): Firestore {
  const doc = (): unknown => ({
    collection: () => collection(),
    get: async () => {
      if (databaseDown) throw new Error("firestore unavailable");
      return { exists: true };
    },
  });
  const collection = (): unknown => ({ doc, add: async () => ({}) });
  return { collection } as unknown as Firestore;
}

const unused = () => {
  throw new Error("not used in this test");
};
const deps = {
  db: fakeDb(),
  ticketKeys: () => keys,
  verifyIdToken: async () => ({ uid: "alice", email_verified: true }),
  urlSigner: unused,
  instancesBucket: unused,
} as unknown as ApiDeps;

/** Everything the function writes to its logs while `run` runs: console and the raw streams. */
async function captureLogs(run: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spies = (["log", "info", "warn", "error", "debug"] as const).map((level) =>
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => void lines.push(args.map((a) => (a instanceof Error ? `${a.message} ${a.stack}` : String(a))).join(" "))),
  );
  const streams = [process.stdout, process.stderr].map((stream) => jest.spyOn(stream, "write").mockImplementation((chunk: unknown) => (lines.push(String(chunk)), true)));
  try {
    await run();
  } finally {
    [...spies, ...streams].forEach((spy) => spy.mockRestore());
  }
  return lines.join("\n");
}

function openSession(): Promise<RouteResult> {
  return dispatchApiRequest(deps, { method: "POST", path: `/api/studies/${STUDY}/viewer-session`, authorization: "Bearer alice" });
}

function ticketOf(result: RouteResult): string {
  const cookie = [result.headers?.["Set-Cookie"] ?? []].flat()[0] ?? "";
  return /^__session=([^;]+)/.exec(cookie)?.[1] ?? "";
}

beforeEach(() => {
  databaseDown = false;
});

it("the manifest URL handed to OHIF carries no ticket: the ticket rides in an HttpOnly SameSite=Strict cookie scoped to that URL", async () => {
  const session = await openSession();
  expect(session.status).toBe(201);
  const { manifestPath } = session.body as { manifestPath: string };
  const lastSegment = manifestPath.split("/").pop()!;
  expect(verifyViewerTicket(keys, decodeURIComponent(lastSegment))).toBeNull();
  expect(manifestPath).toMatch(/^\/api\/viewer-manifests\/[A-Za-z0-9_-]{22}$/);
  const cookie = String(session.headers?.["Set-Cookie"]);
  expect(cookie).toMatch(new RegExp(`^__session=[^;]+; Path=${manifestPath}; Max-Age=300; HttpOnly; SameSite=Strict`));
  expect(verifyViewerTicket(keys, ticketOf(session))).toMatchObject({ uid: "alice", study: STUDY });
  expect(manifestPath).not.toContain(ticketOf(session));
});

it("a viewer ticket in a failing request's path does not reach the function's logs", async () => {
  const session = await openSession();
  const { manifestPath } = session.body as { manifestPath: string };
  // Wherever the session put its ticket (a cookie; before the fix, the path's last segment).
  const ticket = ticketOf(session) || manifestPath.split("/").pop()!;
  databaseDown = true;
  const logs = await captureLogs(async () => {
    const failed = await dispatchApiRequest(deps, { method: "GET", path: manifestPath, cookie: `__session=${ticket}` });
    expect(failed.status).toBe(500);
  });
  expect(logs).toContain("failed"); // the failure was logged...
  expect(ticket.length).toBeGreaterThan(40);
  expect(logs).not.toContain(ticket); // ...without the credential
  expect(logs).not.toContain(ticket.split(".")[1]);
});

it("the session id alone opens nothing, and a ticket is accepted only for its own session", async () => {
  const first = await openSession();
  const second = await openSession();
  const path = (first.body as { manifestPath: string }).manifestPath;
  const without = await dispatchApiRequest(deps, { method: "GET", path });
  expect(without).toMatchObject({ status: 403, body: { error: expect.stringMatching(/expired or is not valid/) } });
  const otherSessions = await dispatchApiRequest(deps, { method: "GET", path, cookie: `__session=${ticketOf(second)}` });
  expect(otherSessions.status).toBe(403);
});
