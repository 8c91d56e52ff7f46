import { PRODUCT_NAME } from "@pacs/shared";
import { z } from "zod";
import { renderEmail, type RenderedEmail } from "./render-email";

/**
 * What a share-link email may say. Deliberately no study fields: the email
 * travels through third-party mail servers and inboxes, so it carries no
 * patient data, only who shared, their own note and the link. Unknown keys
 * are dropped by the schema, so passing a study record by mistake leaks nothing.
 */
export const ShareLinkEmail = z.object({
  /** The sender's display name (or email address) as the recipient knows them. */
  senderName: z.string().trim().min(1).max(200),
  /** Free text the sender typed for the recipient, never a DICOM attribute. */
  note: z.string().trim().max(1000).optional(),
  url: z.url({ protocol: /^https?$/ }),
  expiresAt: z.date(),
});
export type ShareLinkEmail = z.infer<typeof ShareLinkEmail>;

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/**
 * "Monday, 9 February 2026 at 14:30 UTC". The recipient's time zone is
 * unknown, so UTC is said rather than guessed; spelled out by hand because
 * Intl's punctuation changes between ICU versions (Node 20 here, 22 deployed).
 */
export function formatExpiry(date: Date): string {
  const time = `${String(date.getUTCHours()).padStart(2, "0")}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
  return `${WEEKDAYS[date.getUTCDay()]}, ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} at ${time} UTC`;
}

/** "A study was shared with you": the link, who sent it and until when it works. */
export function renderShareLinkEmail(input: ShareLinkEmail): RenderedEmail {
  const { senderName, note, url, expiresAt } = ShareLinkEmail.parse(input);
  const expiry = formatExpiry(expiresAt);
  return renderEmail({
    subject: `${senderName} shared a study with you on ${PRODUCT_NAME}`,
    heading: "A study was shared with you",
    paragraphs: [
      `${senderName} shared a medical imaging study with you on ${PRODUCT_NAME}.`,
      ...(note ? [`Their note: "${note}"`] : []),
      `The link works until ${expiry}. Anyone who has it can view the study until then, so please do not forward this email.`,
    ],
    action: { label: "Open the study", url },
    footer: `You received this email because someone shared a study with this address on ${PRODUCT_NAME}. If you did not expect it, you can ignore it.`,
  });
}
