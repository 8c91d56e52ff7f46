import type { Firestore } from "firebase-admin/firestore";
import { dispatchApiRequest, type ApiDeps } from "./routes";

// Auth and validation come before any database access: a db that throws proves it.
const untouchableDb = new Proxy({}, { get: () => { throw new Error("the database must not be touched"); } }) as Firestore;

const tokens: Record<string, { uid: string; email_verified?: boolean }> = {
  verified: { uid: "alice", email_verified: true },
  unverified: { uid: "bob", email_verified: false },
};
/** A dependency these tests must never reach. */
const untouchable = (what: string) => () => {
  throw new Error(`${what} must not be touched in these tests`);
};
const deps: ApiDeps = {
  db: untouchableDb,
  defaultQuotaBytes: 1000,
  instancesBucket: untouchable("the instances bucket"),
  uploadsBucket: untouchable("the uploads bucket"),
  downloadSigner: untouchable("the download signer"),
  shareTokenKey: untouchable("the share token key"),
  ticketKeys: untouchable("the ticket keys"),
  urlSigner: untouchable("the URL signer"),
  sendEmail: untouchable("email"),
  enqueueDeidentifiedTask: untouchable("the de-identification queue"),
  appOrigin: () => "http://app.test",
  auth: { getUser: untouchable("auth"), getUserByEmail: untouchable("auth"), deleteUser: untouchable("auth"), updateUser: untouchable("auth"), revokeRefreshTokens: untouchable("auth") },
  verifyIdToken: async (token) => {
    const decoded = tokens[token];
    if (!decoded) throw new Error("bad token");
    return decoded;
  },
};

describe("dispatchApiRequest", () => {
  it("answers the health check", async () => {
    await expect(dispatchApiRequest(deps, { method: "GET", path: "/api/health/" })).resolves.toEqual({
      status: 200,
      body: { ok: true, service: "Radiology PACS" },
    });
  });

  it("names the path it does not know", async () => {
    const result = await dispatchApiRequest(deps, { method: "POST", path: "/api/nope" });
    expect(result).toEqual({ status: 404, body: { error: "No API route for POST /api/nope" } });
  });

  it.each([
    [undefined, 401, /Sign in first/],
    ["Bearer forged", 401, /session has expired/],
    ["Bearer unverified", 403, /Verify your email/],
  ])("refuses an upload with authorization %s", async (authorization, status, message) => {
    const result = await dispatchApiRequest(deps, { method: "POST", path: "/api/uploads", authorization, body: { files: [{ relativePath: "a", size: 1 }] } });
    expect(result.status).toBe(status);
    expect((result.body as { error: string }).error).toMatch(message);
  });

  it("refuses a batch with no files or a file too big, saying why", async () => {
    const empty = await dispatchApiRequest(deps, { method: "POST", path: "/api/uploads", authorization: "Bearer verified", body: { files: [] } });
    expect(empty).toEqual({ status: 400, body: { error: "Choose at least one file." } });
    const huge = await dispatchApiRequest(deps, { method: "POST", path: "/api/uploads", authorization: "Bearer verified", body: { files: [{ relativePath: "a", size: 3 * 1024 ** 3 }] } });
    expect(huge.status).toBe(400);
  });

  it("answers a malformed address with 400, not a crash", async () => {
    const result = await dispatchApiRequest(deps, { method: "POST", path: "/api/uploads/%E0%A4%A/seal", authorization: "Bearer verified", body: {} });
    expect(result.status).toBe(400);
  });

  it("turns an unexpected failure into a 500 that leaks nothing", async () => {
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    const result = await dispatchApiRequest(deps, { method: "POST", path: "/api/uploads", authorization: "Bearer verified", body: { files: [{ relativePath: "a", size: 1 }] } });
    expect(result).toEqual({ status: 500, body: { error: "Something went wrong on our side. Please try again in a moment." } });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
