/**
 * The local inbox (maildev, started by `npm start` and `npm test`, see
 * scripts/emulators/mail.mjs), read through its REST API so that tests can
 * check what the product emailed and follow the links in it.
 */
import { z } from "zod";

const Address = z.object({ address: z.string(), name: z.string().optional() });

/** One delivered message, as maildev stores it (the fields tests rely on). */
export const MailboxMessage = z.object({
  id: z.string(),
  subject: z.string(),
  from: z.array(Address),
  to: z.array(Address),
  /** The SMTP envelope: who the message was actually delivered to, Bcc included. */
  envelope: z.object({ to: z.array(Address) }),
  text: z.string().optional(),
  html: z.string().optional(),
  headers: z.record(z.string(), z.unknown()),
  date: z.string(),
});
export type MailboxMessage = z.infer<typeof MailboxMessage>;

/** The inbox's base URL, derived from the run's ports by scripts/emulators/setup.mjs. */
export function inboxUrl(path = "/"): string {
  const base = process.env.PACS_MAIL_WEB_URL;
  if (!base) throw new Error("PACS_MAIL_WEB_URL is not set: run these tests through `npm test`, which starts the local mail server.");
  return new URL(path, base).toString();
}

async function requestInbox(method: string, path: string): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(inboxUrl(path), { method });
  } catch (error) {
    throw new Error(`The local inbox at ${inboxUrl()} does not answer (is maildev running?): ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`The local inbox answered ${method} ${path} with ${response.status}: ${await response.text()}`);
  return response.json();
}

/** Every message in the inbox, oldest first. */
export async function listMessages(): Promise<MailboxMessage[]> {
  return z.array(MailboxMessage).parse(await requestInbox("GET", "/email"));
}

/** Empties the inbox. Tests that share it should rather wait for their own unique address. */
export async function clearMailbox(): Promise<void> {
  await requestInbox("DELETE", "/email/all");
}

function deliveredTo(message: MailboxMessage, address: string): boolean {
  const wanted = address.toLowerCase();
  return [...message.envelope.to, ...message.to].some((recipient) => recipient.address.toLowerCase() === wanted);
}

function describeInbox(messages: MailboxMessage[]): string {
  if (messages.length === 0) return "The inbox is empty.";
  const lines = messages.map((m) => `  - to ${m.envelope.to.map((r) => r.address).join(", ")}: "${m.subject}"`);
  return `The inbox holds ${messages.length} message(s):\n${lines.join("\n")}`;
}

export interface WaitOptions {
  /** Only messages this accepts count, e.g. `(m) => m.subject.includes("export")`. */
  match?: (message: MailboxMessage) => boolean;
  timeoutMs?: number;
}

/**
 * The newest message delivered to `address` (and accepted by `match`),
 * polling until it arrives: functions send in the background. Fails after
 * the timeout with a list of what did arrive, so a wrong address or
 * subject is visible at a glance.
 */
export async function waitForMessage(address: string, { match, timeoutMs = 30_000 }: WaitOptions = {}): Promise<MailboxMessage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await listMessages();
    const found = messages.filter((message) => deliveredTo(message, address) && (match?.(message) ?? true)).at(-1);
    if (found) return found;
    if (Date.now() > deadline) {
      throw new Error(`No email to ${address}${match ? " matching the test's filter" : ""} within ${timeoutMs} ms. ${describeInbox(messages)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);
}

/** The http(s) links in the HTML part (href attributes, entities decoded), in order, without repeats. */
export function linksInHtml(message: MailboxMessage): string[] {
  const hrefs = [...(message.html ?? "").matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)].map((m) => decodeEntities(m[1] ?? m[2] ?? ""));
  return [...new Set(hrefs.filter((href) => /^https?:\/\//i.test(href)))];
}

/** The http(s) links in the text part, in order, without repeats. */
export function linksInText(message: MailboxMessage): string[] {
  return [...new Set((message.text ?? "").match(/https?:\/\/[^\s<>"]+/gi) ?? [])];
}
