/**
 * Email really goes out: the functions' SMTP sender delivers a rendered
 * email through PACS_SMTP_URL to the local maildev, and the message read
 * back from its inbox has both parts, the product's name and the link.
 */
import { PRODUCT_NAME } from "@pacs/shared";
import { EmailSendError, smtpSenderFromEnv } from "../../functions/src/email/send-email";
import { renderShareLinkEmail } from "../../functions/src/email/share-link-email";
import { linksInHtml, linksInText, listMessages, waitForMessage } from "../support/mailbox";

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
