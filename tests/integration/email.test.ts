/**
 * Email really goes out: the functions' SMTP sender delivers a rendered
 * email through PACS_SMTP_URL to the local maildev, and the message read
 * back from its inbox has both parts, the product's name and the link.
 * The API's own sends are limited per sender and per recipient, and privacy
 * requests mail only a verified address.
 */
import { PRODUCT_NAME } from "@pacs/shared";
import { EmailSendError, smtpSenderFromEnv } from "../../functions/src/email/send-email";
import { renderShareLinkEmail } from "../../functions/src/email/share-link-email";
import { firestoreSendLimits, PRIVACY_EMAILS_PER_DAY, RECIPIENT_EMAILS_PER_DAY, recipientCounter, SHARE_EMAILS_PER_SENDER_PER_DAY } from "../../functions/src/email/email-limits";
import { reserveSend, SendLimitReached } from "../../functions/src/email/send-limit";
import { createAccountThroughAuthEmulator, uniqueEmail } from "../support/auth-emulator";
import { callApi, createUploader, db, signInThroughAuthEmulator, type Uploader } from "../support/ingest-client";
import { linksInHtml, linksInText, listMessages, waitForMessage } from "../support/mailbox";
import { createShareLink, uploadSmallStudy } from "../support/share-client";

// Each test writes to its own address, so tests never read each other's mail.
const uniqueAddress = (label: string) => `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;

describe("email through the local SMTP server", () => {
  const sendEmail = smtpSenderFromEnv();

  it("delivers a share-link email with a text part, an HTML part, the product name and the link", async () => {
    const to = uniqueAddress("share");
    const url = "https://app.example.test/s/token-123?x=1&y=2";
    const email = renderShareLinkEmail({
      senderName: "Dr. <b>Ada</b>",
      note: "Knee, please compare with last year",
      url,
      expiresAt: new Date("2026-03-01T09:00:00Z"),
    });
    await sendEmail({ to, ...email });

    const message = await waitForMessage(to);
    expect(message.subject).toBe(`Dr. <b>Ada</b> shared a study with you on ${PRODUCT_NAME}`);
    expect(message.from).toEqual([{ address: "no-reply@radiologypacs.app", name: PRODUCT_NAME }]);
    expect(message.text).toContain(PRODUCT_NAME);
    expect(message.html).toContain(PRODUCT_NAME);
    expect(linksInText(message)).toEqual([url]);
    expect(linksInHtml(message)).toEqual([url]);
    // The sender's name arrives escaped in HTML, verbatim in text.
    expect(message.html).toContain("Dr. &lt;b&gt;Ada&lt;/b&gt; shared");
    expect(message.html).not.toContain("<b>Ada</b>");
    expect(message.text).toContain("Dr. <b>Ada</b> shared");
    expect(message.text).toContain("Sunday, 1 March 2026 at 09:00 UTC");
  });

  it("uses PACS_MAIL_FROM as the sender when it is set", async () => {
    const to = uniqueAddress("from");
    const send = smtpSenderFromEnv({ ...process.env, PACS_MAIL_FROM: '"PACS Staging" <staging@example.test>' });
    await send({ to, subject: "Sender check", text: "text part", html: "<p>html part</p>" });
    const message = await waitForMessage(to);
    expect(message.from).toEqual([{ address: "staging@example.test", name: "PACS Staging" }]);
  });

  it("rejects with an EmailSendError when the SMTP server cannot be reached, and delivers nothing", async () => {
    const to = uniqueAddress("unreachable");
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const send = smtpSenderFromEnv({ ...process.env, PACS_SMTP_URL: "smtp://127.0.0.1:1" });
    await expect(send({ to, subject: "Lost", text: "text", html: "<p>html</p>" })).rejects.toThrow(EmailSendError);
    expect((await listMessages()).some((message) => message.envelope.to.some((r) => r.address === to))).toBe(false);
  });
});

/**
 * Email abuse through the API: the app sends mail on a user's say-so (share
 * links, privacy confirmations), so without limits one account could use us
 * to flood any inbox, or mail an address it has never proven it owns.
 */
describe("email abuse through the API", () => {
  let sender: Uploader;
  let linkId: string;

  beforeAll(async () => {
    sender = await createUploader("mailer");
    const study = await uploadSmallStudy(sender, 1);
    const created = await createShareLink(sender, { StudyInstanceUID: study.studyInstanceUID });
    expect(created.status).toBe(201);
    linkId = created.body.linkId;
  });

  const emailLink = (user: Uploader, to: string) => callApi(user, `/api/share-links/${linkId}/email`, { to });
  const delivered = async (to: string) => (await listMessages()).filter((message) => message.envelope.to.some((r) => r.address === to)).length;

  it("one account cannot mail-bomb an address: past the per-recipient limit a share email is refused with 429 and when to try again", async () => {
    const victim = uniqueAddress("victim");
    for (let i = 0; i < RECIPIENT_EMAILS_PER_DAY; i += 1) expect((await emailLink(sender, victim)).status).toBe(202);
    const refused = await emailLink(sender, victim);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/Try again after \w+day, \d+ \w+ \d{4} at \d\d:\d\d UTC/);
    expect(Date.parse(refused.body.retryAfter)).toBeGreaterThan(Date.now());
    expect(await delivered(victim)).toBe(RECIPIENT_EMAILS_PER_DAY);
  });

  it("a burst of parallel sends to one address sends no more than the limit: the Firestore counters decide in one transaction", async () => {
    // Straight against the Firestore emulator: the Functions emulator starts one worker per
    // concurrent request and, on a loaded machine, answers many of a burst with 504 before the
    // route runs, which would hide the race this test is about.
    const rules = [{ counter: recipientCounter(uniqueAddress("burst")), limit: 3, windowMs: 86_400_000, refusal: "Enough." }];
    const store = firestoreSendLimits(db);
    const now = new Date();
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => reserveSend(store, rules, now)));
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(3);
    const refusals = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected").map((outcome) => outcome.reason);
    expect(refusals).toHaveLength(9);
    for (const refusal of refusals) expect(refusal).toBeInstanceOf(SendLimitReached);
    const stored = (await db.collection("emailLimits").doc(rules[0]!.counter).get()).data()!;
    expect(stored.sent).toHaveLength(3);
  });

  it("one account cannot spray many addresses: past the per-sender limit a share email is refused with 429", async () => {
    const spammer = await createUploader("spammer");
    const study = await uploadSmallStudy(spammer, 1);
    const link = await createShareLink(spammer, { StudyInstanceUID: study.studyInstanceUID });
    const spray = (to: string) => callApi(spammer, `/api/share-links/${link.body.linkId}/email`, { to });
    let sent = 0;
    for (;;) {
      const answer = await spray(uniqueAddress("spray"));
      if (answer.status !== 202) {
        expect(answer.status).toBe(429);
        expect(answer.body.error).toMatch(/you have sent \d+ share emails/i);
        break;
      }
      sent += 1;
      expect(sent).toBeLessThanOrEqual(SHARE_EMAILS_PER_SENDER_PER_DAY);
    }
    expect(sent).toBe(SHARE_EMAILS_PER_SENDER_PER_DAY);
  });

  it("an unverified account cannot make us mail its address: a privacy request is refused with 403 and no email goes out", async () => {
    const email = uniqueEmail("unverified");
    const uid = await createAccountThroughAuthEmulator(email, "correct horse battery");
    const unverified = await signInThroughAuthEmulator(uid, email);
    const asked = await callApi(unverified, "/api/privacy-requests", { kind: "export" });
    expect(asked.status).toBe(403);
    expect(asked.body.error).toMatch(/verify your email address/i);
    expect(await delivered(email)).toBe(0);
    expect((await db.collection("privacyRequests").where("uid", "==", uid).get()).size).toBe(0);
  });

  it("repeated privacy requests cannot flood the account's inbox: past the per-user limit they are refused with 429", async () => {
    const user = await createUploader("privacy-flood");
    for (let i = 0; i < PRIVACY_EMAILS_PER_DAY; i += 1) expect((await callApi(user, "/api/privacy-requests", { kind: "export" })).status).toBe(201);
    const refused = await callApi(user, "/api/privacy-requests", { kind: "export" });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatch(/Try again after/);
    // The refused request leaves nothing behind.
    expect((await db.collection("privacyRequests").where("uid", "==", user.uid).get()).size).toBe(PRIVACY_EMAILS_PER_DAY);
  });
});
