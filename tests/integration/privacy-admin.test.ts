/**
 * Requests that come by email: only an administrator (custom claim) may
 * record one and run it after verifying the requester; the export then
 * reaches the account's inbox. Ordinary users get 403, and a request for an
 * address with no account is refused with a reason.
 */
import { grantAdmin } from "../support/auth-emulator";
import { webUrl } from "../support/emulators";
import { createUploader, db, signInThroughAuthEmulator, type Uploader } from "../support/ingest-client";
import { linksInText, waitForMessage } from "../support/mailbox";

async function post(user: Uploader, path: string, body?: unknown) {
  const response = await fetch(webUrl(path), {
    method: "POST",
    headers: { Authorization: `Bearer ${user.idToken}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as any };
}

let admin: Uploader;
let requester: Uploader;
beforeAll(async () => {
  const plain = await createUploader("privacy-admin");
  await grantAdmin(plain.uid);
  admin = await signInThroughAuthEmulator(plain.uid, plain.email);
  requester = await createUploader("privacy-requester");
});

it("refuses ordinary users on the admin routes", async () => {
  expect((await post(requester, "/api/admin/privacy-requests", { email: requester.email, kind: "export" })).status).toBe(403);
});

it("records an emailed request, waits for verification, then runs it and emails the requester", async () => {
  const recorded = await post(admin, "/api/admin/privacy-requests", { email: requester.email, kind: "export", note: "Email of 2026-11-20, verified by phone" });
  expect(recorded).toMatchObject({ status: 201, body: { status: "awaiting-verification" } });
  const ref = db.collection("privacyRequests").doc(recorded.body.requestId);
  const stored = (await ref.get()).data()!;
  expect(stored).toMatchObject({ uid: requester.uid, email: requester.email, source: "email", kind: "export" });
  // 30 days to answer, from the day it arrived.
  expect(stored.dueAt.toMillis() - stored.createdAt.toMillis()).toBe(30 * 86_400_000);

  expect((await post(requester, `/api/admin/privacy-requests/${recorded.body.requestId}/run`)).status).toBe(403);
  expect((await post(admin, `/api/admin/privacy-requests/${recorded.body.requestId}/run`)).status).toBe(200);
  const ready = await waitForMessage(requester.email, { match: (m) => /data export is ready/.test(m.subject), timeoutMs: 120_000 });
  expect(linksInText(ready).some((link) => link.startsWith(webUrl("/download-export/")))).toBe(true);
  expect((await ref.get()).data()).toMatchObject({ status: "completed", verifiedBy: "admin" });
  expect((await post(admin, `/api/admin/privacy-requests/${recorded.body.requestId}/run`)).status).toBe(409);
});

it("says so when no account uses the address", async () => {
  const unknown = await post(admin, "/api/admin/privacy-requests", { email: "nobody-here@example.test", kind: "deletion" });
  expect(unknown).toMatchObject({ status: 404, body: { error: expect.stringContaining("No account uses nobody-here@example.test") } });
});

it("refuses a wrong confirmation token and leaves the request waiting", async () => {
  const asked = await post(requester, "/api/privacy-requests", { kind: "export" });
  expect(asked.status).toBe(201);
  const wrong = await fetch(webUrl("/api/privacy-requests/confirm"), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ requestId: asked.body.requestId, token: "not-the-token" }),
  });
  expect(wrong.status).toBe(403);
  expect((await db.collection("privacyRequests").doc(asked.body.requestId).get()).get("status")).toBe("awaiting-confirmation");
});
