import { PRODUCT_NAME } from "@pacs/shared";

/** One email, ready for the sender: every message has both parts. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The one button an email may carry, shown as a link in the text part. */
export interface EmailAction {
  label: string;
  url: string;
}

/**
 * What a kind of email says, as plain strings. The renderer escapes every
 * value, so a kind never writes HTML itself and a user's display name or
 * note cannot inject markup.
 */
export interface EmailContent {
  subject: string;
  heading: string;
  paragraphs: string[];
  action?: EmailAction;
  /** Why the recipient got this email; defaults to a line naming the product. */
  footer?: string;
}

/** A kind of email was given something it cannot render safely. */
export class EmailRenderError extends Error {
  override name = "EmailRenderError";
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for HTML element content and double- or single-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char] ?? char);
}

/** Only web links: a `javascript:` or `data:` href in an email is an attack, never a feature. */
function checkActionUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new EmailRenderError("renderEmail: the action link is not an absolute URL");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw new EmailRenderError(`renderEmail: the action link must be http or https, not ${parsed.protocol}`);
  }
  return parsed.toString();
}

// Mail clients ignore <style> blocks unevenly; inline styles render everywhere.
const STYLE = {
  body: "margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933;",
  card: "max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px;",
  brand: "margin:0 0 16px;font-size:14px;font-weight:bold;color:#52606d;",
  heading: "margin:0 0 16px;font-size:20px;",
  paragraph: "margin:0 0 16px;font-size:16px;line-height:1.5;",
  button: "display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;",
  small: "margin:16px 0 0;font-size:13px;line-height:1.5;color:#52606d;",
};

function renderText(content: EmailContent, actionUrl: string | undefined, footer: string): string {
  const blocks = [PRODUCT_NAME, content.heading, ...content.paragraphs];
  if (content.action && actionUrl) blocks.push(`${content.action.label}:\n${actionUrl}`);
  blocks.push(`-- \n${footer}`);
  return `${blocks.join("\n\n")}\n`;
}

function renderHtml(content: EmailContent, subject: string, actionUrl: string | undefined, footer: string): string {
  const paragraphs = content.paragraphs.map((text) => `<p style="${STYLE.paragraph}">${escapeHtml(text)}</p>`);
  const action =
    content.action && actionUrl
      ? `<p style="${STYLE.paragraph}"><a href="${escapeHtml(actionUrl)}" style="${STYLE.button}">${escapeHtml(content.action.label)}</a></p>` +
        `<p style="${STYLE.small}">If the button does not work, copy this address into your browser:<br>` +
        `<a href="${escapeHtml(actionUrl)}">${escapeHtml(actionUrl)}</a></p>`
      : "";
  return [
    `<!doctype html>`,
    `<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    `<p style="${STYLE.brand}">${escapeHtml(PRODUCT_NAME)}</p>`,
    `<h1 style="${STYLE.heading}">${escapeHtml(content.heading)}</h1>`,
    ...paragraphs,
    action,
    `<p style="${STYLE.small}">${escapeHtml(footer)}</p>`,
    `</div></body></html>`,
    "",
  ].join("\n");
}

/**
 * The building block of every email: a heading, paragraphs, at most one
 * action link and a footer, as a text part and an HTML part that say the
 * same thing. Both name the product. A new kind is a function that maps its
 * data to an `EmailContent` (see share-link-email.ts).
 */
export function renderEmail(content: EmailContent): RenderedEmail {
  // A header line cannot hold a line break; a display name in a subject might.
  const subject = content.subject.replace(/\s+/g, " ").trim();
  if (!subject) throw new EmailRenderError("renderEmail: the subject is empty");
  const actionUrl = content.action ? checkActionUrl(content.action.url) : undefined;
  const footer = content.footer ?? `You received this email from ${PRODUCT_NAME}.`;
  return { subject, text: renderText(content, actionUrl, footer), html: renderHtml(content, subject, actionUrl, footer) };
}
