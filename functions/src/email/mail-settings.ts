import { PRODUCT_NAME } from "@pacs/shared";
import { z } from "zod";

/** The sender address when PACS_MAIL_FROM is not set. */
export const DEFAULT_MAIL_FROM = `"${PRODUCT_NAME}" <no-reply@radiologypacs.app>`;

/** Email cannot be sent: PACS_SMTP_URL or PACS_MAIL_FROM is missing or malformed. */
export class EmailConfigError extends Error {
  override name = "EmailConfigError";
}

// The URL carries the SMTP password: messages below never repeat the value.
const SmtpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === "smtp:" || url.protocol === "smtps:") && url.hostname !== "";
  } catch {
    return false;
  }
});

// A display name and an address on one line; nodemailer parses and encodes the rest.
const MailFrom = z.string().regex(/^[^\r\n]*@[^\r\n]*$/);

export interface MailSettings {
  /** smtp://user:pass@host:port (STARTTLS when offered) or smtps:// (TLS from the start, port 465). */
  smtpUrl: string;
  /** The From header, e.g. `"Radiology PACS" <no-reply@radiologypacs.app>`. */
  from: string;
}

/**
 * Where email goes, from the environment: PACS_SMTP_URL (in production the
 * Secret Manager secret of that name, present only in functions that list
 * it in `secrets`; locally maildev, set by `npm start` and `npm test`) and
 * PACS_MAIL_FROM (functions/.env). See docs/email.md.
 */
export function readMailSettings(env: NodeJS.ProcessEnv = process.env): MailSettings {
  const smtpUrl = env.PACS_SMTP_URL;
  if (!smtpUrl) {
    throw new EmailConfigError(
      "Email is not configured: PACS_SMTP_URL is not set. In production set the secret " +
        "(firebase functions:secrets:set PACS_SMTP_URL) and list it in the sending function's `secrets`; " +
        "locally `npm start` and `npm test` set it to their maildev server (docs/email.md).",
    );
  }
  if (!SmtpUrl.safeParse(smtpUrl).success) {
    throw new EmailConfigError("PACS_SMTP_URL must look like smtp://user:password@host:port or smtps://user:password@host:465");
  }
  const from = env.PACS_MAIL_FROM || DEFAULT_MAIL_FROM;
  if (!MailFrom.safeParse(from).success) {
    throw new EmailConfigError(`PACS_MAIL_FROM must be an address such as ${DEFAULT_MAIL_FROM}, not "${from}"`);
  }
  return { smtpUrl, from };
}
