import { createTransport } from "nodemailer";
import { z } from "zod";
import { readMailSettings, type MailSettings } from "./mail-settings";

/** One outgoing email: a rendered email (render-email.ts) and its recipient. */
export const EmailMessage = z.object({
  to: z.email(),
  subject: z.string().min(1),
  text: z.string().min(1),
  html: z.string().min(1),
});
export type EmailMessage = z.infer<typeof EmailMessage>;

/**
 * What routes and triggers receive as a dependency, so that their tests pass
 * a fake and only the sender below talks SMTP. Resolves once the SMTP server
 * has accepted the message; rejects with an EmailSendError otherwise.
 */
export type SendEmail = (message: EmailMessage) => Promise<void>;

/** The SMTP server refused the message or could not be reached. */
export class EmailSendError extends Error {
  override name = "EmailSendError";
}

// nodemailer waits two minutes by default; a function should fail well before its own timeout.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/** A SendEmail over SMTP with nodemailer; one transport, reused across sends. */
export function createSmtpSender(settings: MailSettings): SendEmail {
  const transport = createTransport({ url: settings.smtpUrl, ...TIMEOUTS });
  return async (message) => {
    const { to, subject, text, html } = EmailMessage.parse(message);
    try {
      await transport.sendMail({ from: settings.from, to, subject, text, html });
    } catch (error) {
      // The recipient stays out of the message: errors end up in logs.
      const reason = error instanceof Error ? error.message : String(error);
      throw new EmailSendError(`sendEmail: the SMTP server did not accept "${subject}": ${reason}`, { cause: error });
    }
  };
}

/**
 * The sender functions use: settings are read at the first send, so a
 * function that never sends needs no SMTP secret, and a missing one fails
 * that send with an EmailConfigError that says what to set.
 */
export function smtpSenderFromEnv(env: NodeJS.ProcessEnv = process.env): SendEmail {
  let sender: SendEmail | undefined;
  return async (message) => {
    sender ??= createSmtpSender(readMailSettings(env));
    await sender(message);
  };
}
