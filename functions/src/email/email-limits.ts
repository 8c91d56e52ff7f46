/**
 * The limits on emails the API sends on a user's say-so (docs/email.md):
 * share links emailed from the app and privacy-request confirmations. Each
 * send counts against its sender and against its recipient, whoever sends,
 * so neither one account nor many together can use us to flood an inbox.
 */
import type { Firestore } from "firebase-admin/firestore";
import { z } from "zod";
import type { RouteResult } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { sha256Hex } from "../sha256";
import { reserveSend, SendLimitReached, type SendLimitRule, type SendLimitStore } from "./send-limit";

export const RECIPIENT_EMAILS_PER_DAY = 10;
export const SHARE_EMAILS_PER_SENDER_PER_DAY = 20;
export const PRIVACY_EMAILS_PER_DAY = 5;
const DAY_MS = 86_400_000;

/**
 * `emailLimits/{counter}`: when each send of the last window happened.
 * Server-only (rules deny all); `expireAt` is a Firestore TTL field. Ids are
 * hashes: no uid or address is readable here.
 */
export const EmailSendLog = z.object({ sent: z.array(z.date()), expireAt: z.date() });

/**
 * One counter per inbox: case and `+tags` do not make a new one, nor do dots
 * in a Gmail name, which all reach the same person. The address is stored
 * hashed: the counters need no readable addresses.
 */
export function recipientCounter(address: string): string {
  const [local = "", domain = ""] = address.trim().toLowerCase().split(/@(?=[^@]*$)/);
  const name = local.replace(/\+.*$/, "");
  const inbox = ["gmail.com", "googlemail.com"].includes(domain) ? `${name.replace(/\./g, "")}@gmail.com` : `${name}@${domain}`;
  return `recipient-${sha256Hex(inbox)}`;
}

/**
 * A user's counter: the uid hashed, so that a deleted account leaves no uid
 * behind here while its counters wait for their TTL.
 */
export function senderCounter(kind: "share" | "privacy", uid: string): string {
  return `${kind}-sender-${sha256Hex(`${kind}:${uid}`)}`;
}

const recipientRule = (to: string): SendLimitRule => ({
  counter: recipientCounter(to),
  limit: RECIPIENT_EMAILS_PER_DAY,
  windowMs: DAY_MS,
  refusal: `This address has been sent ${RECIPIENT_EMAILS_PER_DAY} emails from us in the last 24 hours, the most we send to one address.`,
});

/** A share link emailed by `uid` to `to`. */
export function shareEmailRules(uid: string, to: string): SendLimitRule[] {
  return [
    { counter: senderCounter("share", uid), limit: SHARE_EMAILS_PER_SENDER_PER_DAY, windowMs: DAY_MS, refusal: `You have sent ${SHARE_EMAILS_PER_SENDER_PER_DAY} share emails in the last 24 hours, the most we allow. You can still copy the link and send it yourself.` },
    recipientRule(to),
  ];
}

/** A privacy-request confirmation to the account's own address. */
export function privacyEmailRules(uid: string, to: string): SendLimitRule[] {
  return [
    { counter: senderCounter("privacy", uid), limit: PRIVACY_EMAILS_PER_DAY, windowMs: DAY_MS, refusal: `You have asked ${PRIVACY_EMAILS_PER_DAY} times in the last 24 hours; use the newest email we sent you.` },
    recipientRule(to),
  ];
}

/** The counters in Firestore, read and written in one transaction. */
export function firestoreSendLimits(db: Firestore): SendLimitStore {
  const ref = (counter: string) => db.collection("emailLimits").doc(counter);
  return {
    update: (counters, decide) =>
      db.runTransaction(async (tx) => {
        const snapshots = await tx.getAll(...counters.map(ref));
        const logs = new Map(snapshots.map((snapshot, index) => [counters[index]!, snapshot.exists ? parseSnapshot(EmailSendLog, snapshot) : null]));
        const { writes, result } = decide(logs);
        for (const [counter, log] of writes) tx.set(ref(counter), log);
        return result;
      }),
  };
}

/**
 * Counts one email against `rules` before it is sent. Returns null when it
 * may go, or the 429 answer to give: the reason, when to try again, and
 * `Retry-After` for clients that read it.
 */
export async function reserveEmail(db: Firestore, rules: SendLimitRule[], now: Date): Promise<RouteResult | null> {
  try {
    await reserveSend(firestoreSendLimits(db), rules, now);
    return null;
  } catch (error) {
    if (!(error instanceof SendLimitReached)) throw error;
    const seconds = Math.max(1, Math.ceil((error.retryAt.getTime() - now.getTime()) / 1000));
    return { status: 429, body: { error: error.message, retryAfter: error.retryAt.toISOString() }, headers: { "Retry-After": String(seconds) } };
  }
}
