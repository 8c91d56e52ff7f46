import { randomBytes } from "node:crypto";
import type { Request } from "express";
import { buildStoreCookie } from "../viewer/store-ticket";
import { issueViewerTicket, TicketKeys } from "../viewer/viewer-ticket";
import { DicomwebError } from "./dicomweb-error";
import { resolveViewerSessionCaller } from "./viewer-session-store";

const keys = new TicketKeys(randomBytes(32));
const now = new Date(Date.UTC(2026, 10, 22, 10, 0, 0));
const sid = "abcdefghijklmnopqrstuv";
const deps = { ticketKeys: () => keys, now: () => now };
const storeCookie = buildStoreCookie(keys, "alice", "1.2.3", sid, now.getTime()).split(";")[0]!;

/** The parts of an express request the resolver reads; `url` is what it rewrites. */
function request(method: string, url: string, cookie?: string): Request {
  const req = { method, url, path: "", get: (name: string) => (name.toLowerCase() === "cookie" ? cookie : undefined) };
  Object.defineProperty(req, "path", { get: () => req.url.split("?")[0] });
  return req as unknown as Request;
}

function refusal(fn: () => unknown): DicomwebError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DicomwebError) return error;
    throw error;
  }
  throw new Error("no refusal");
}

it("leaves every other path to the token check", () => {
  expect(resolveViewerSessionCaller(deps, request("POST", "/studies", storeCookie))).toBeNull();
  expect(resolveViewerSessionCaller(deps, request("GET", "/studies/1.2.3/metadata"))).toBeNull();
});

it("lets the session's store ticket POST studies, rewritten to its own study, as the owner with write scope", () => {
  const req = request("POST", `/viewer-sessions/${sid}/studies`, `other=1; ${storeCookie}`);
  expect(resolveViewerSessionCaller(deps, req)).toEqual({ uid: "alice", scope: "read-write", viewerSession: true });
  expect(req.url).toBe("/studies/1.2.3");
});

it("refuses a missing, expired or manifest ticket, and another session's path, with 401", () => {
  const path = `/viewer-sessions/${sid}/studies`;
  expect(refusal(() => resolveViewerSessionCaller(deps, request("POST", path))).status).toBe(401);
  const later = { ...deps, now: () => new Date(now.getTime() + 3 * 3600_000) };
  expect(refusal(() => resolveViewerSessionCaller(later, request("POST", path, storeCookie))).status).toBe(401);
  const view = issueViewerTicket(keys, "alice", "1.2.3", now.getTime(), { sid }).ticket;
  expect(refusal(() => resolveViewerSessionCaller(deps, request("POST", path, `__session=${view}`))).status).toBe(401);
  expect(refusal(() => resolveViewerSessionCaller(deps, request("POST", "/viewer-sessions/zzzzzzzzzzzzzzzzzzzzzz/studies", storeCookie))).status).toBe(401);
});

it("allows nothing but STOW there: a search or a retrieve is a 404 that says what the root is for", () => {
  const error = refusal(() => resolveViewerSessionCaller(deps, request("GET", `/viewer-sessions/${sid}/studies`, storeCookie)));
  expect(error.status).toBe(404);
  expect(error.message).toMatch(/only stores measurement reports/);
  expect(refusal(() => resolveViewerSessionCaller(deps, request("POST", `/viewer-sessions/${sid}/studies/1.2.3/series`, storeCookie))).status).toBe(404);
});
