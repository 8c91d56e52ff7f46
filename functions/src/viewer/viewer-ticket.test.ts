import { randomBytes } from "node:crypto";
import { issueViewerTicket, TicketKeys, verifyViewerTicket, VIEWER_TICKET_TTL_SECONDS } from "./viewer-ticket";

const secret = () => randomBytes(32);
const keys = new TicketKeys(secret());
const now = Date.UTC(2026, 10, 22, 10, 0, 0);

it("accepts its own ticket until it expires", () => {
  const { ticket, expiresAt } = issueViewerTicket(keys, "alice", "1.2.3", now);
  expect(expiresAt).toEqual(new Date(now + VIEWER_TICKET_TTL_SECONDS * 1000));
  expect(verifyViewerTicket(keys, ticket, now + 1000)).toEqual({ uid: "alice", study: "1.2.3", exp: (now + VIEWER_TICKET_TTL_SECONDS * 1000) / 1000 });
  expect(verifyViewerTicket(keys, ticket, now + VIEWER_TICKET_TTL_SECONDS * 1000)).toBeNull();
});

it("refuses a ticket whose claims were changed, one signed by another key, and garbage", () => {
  const { ticket } = issueViewerTicket(keys, "alice", "1.2.3", now);
  const [, signature] = ticket.split(".");
  const forgedPayload = Buffer.from(JSON.stringify({ uid: "bob", study: "1.2.3", exp: now / 1000 + 300 })).toString("base64url");
  expect(verifyViewerTicket(keys, `${forgedPayload}.${signature}`, now)).toBeNull();
  expect(verifyViewerTicket(keys, issueViewerTicket(new TicketKeys(secret()), "alice", "1.2.3", now).ticket, now)).toBeNull();
  expect(verifyViewerTicket(keys, "not-a-ticket", now)).toBeNull();
  expect(verifyViewerTicket(keys, "a.b.c", now)).toBeNull();
});

it("carries a share link's id and ends with the link when that comes first", () => {
  const linkEnd = now + 60_000;
  const { ticket, expiresAt } = issueViewerTicket(keys, "alice", "1.2.3", now, { link: "L1", ttlSeconds: 1800, notAfterMs: linkEnd });
  expect(expiresAt).toEqual(new Date(linkEnd));
  expect(verifyViewerTicket(keys, ticket, now)).toEqual({ uid: "alice", study: "1.2.3", exp: linkEnd / 1000, link: "L1" });
  expect(verifyViewerTicket(keys, ticket, linkEnd)).toBeNull();
  const long = issueViewerTicket(keys, "alice", "1.2.3", now, { link: "L1", ttlSeconds: 1800, notAfterMs: now + 86_400_000 });
  expect(long.expiresAt).toEqual(new Date(now + 1_800_000));
});

it("refuses a secret too short to resist guessing", () => {
  expect(() => new TicketKeys("short")).toThrow(/at least 32 bytes/);
});
