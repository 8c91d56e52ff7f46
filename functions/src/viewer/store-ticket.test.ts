import { randomBytes } from "node:crypto";
import { readSessionCookies } from "./session-cookie";
import { buildStoreCookie, STORE_TICKET_TTL_SECONDS, verifyStoreTicket } from "./store-ticket";
import { issueViewerTicket, TicketKeys, verifySessionTicket } from "./viewer-ticket";

const keys = new TicketKeys(randomBytes(32));
const now = Date.UTC(2026, 10, 22, 10, 0, 0);
const sid = "abcdefghijklmnopqrstuv";

function ticketOf(cookie: string): string {
  return readSessionCookies(cookie.split(";")[0])[0]!;
}

it("is an HttpOnly, SameSite=Strict cookie scoped to the session's DICOMweb root, for two hours", () => {
  const cookie = buildStoreCookie(keys, "alice", "1.2.3", sid, now);
  expect(cookie).toContain(`; Path=/dicomweb/viewer-sessions/${sid}; Max-Age=${STORE_TICKET_TTL_SECONDS}; HttpOnly; SameSite=Strict`);
  expect(verifyStoreTicket(keys, [ticketOf(cookie)], sid, now + 1000)).toMatchObject({ uid: "alice", study: "1.2.3", sid });
  expect(verifyStoreTicket(keys, [ticketOf(cookie)], sid, now + STORE_TICKET_TTL_SECONDS * 1000)).toBeNull();
});

it("stores only through its own session, and never opens a manifest; a manifest ticket never stores", () => {
  const store = ticketOf(buildStoreCookie(keys, "alice", "1.2.3", sid, now));
  expect(verifyStoreTicket(keys, [store], "zzzzzzzzzzzzzzzzzzzzzz", now)).toBeNull();
  expect(verifySessionTicket(keys, [store], sid, now)).toBeNull();
  const view = issueViewerTicket(keys, "alice", "1.2.3", now, { sid }).ticket;
  expect(verifyStoreTicket(keys, [view], sid, now)).toBeNull();
  expect(verifySessionTicket(keys, [view], sid, now)).toMatchObject({ uid: "alice" });
});

it("is refused when it names a share link", () => {
  const linked = issueViewerTicket(keys, "alice", "1.2.3", now, { sid, link: "L1", purpose: "store" }).ticket;
  expect(verifyStoreTicket(keys, [linked], sid, now)).toBeNull();
});
