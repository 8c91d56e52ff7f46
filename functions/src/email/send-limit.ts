/**
 * Sliding-window limits on emails the API sends on a user's say-so. Pure:
 * the counters live behind a SendLimitStore (Firestore in production, a Map
 * in tests) that runs read-decide-write as one atomic step, so parallel
 * requests cannot all read "under the limit" and all send.
 */
import { formatExpiry } from "./share-link-email";

/** One limit: at most `limit` sends per `windowMs` on one counter (a sender, a recipient). */
export interface SendLimitRule {
  /** The counter's id in the store; one id per limited party. */
  counter: string;
  limit: number;
  windowMs: number;
  /** What the person is told when this limit is reached, before "Try again after …". */
  refusal: string;
}

/** A counter as stored: when each send within the window happened, and when the record may go. */
export interface SendLog {
  sent: Date[];
  expireAt: Date;
}

export interface SendLimitStore {
  /**
   * Reads the named counters (null when absent), hands them to `decide`, and
   * writes the logs it returns, atomically: a concurrent update of the same
   * counters makes the whole step run again on fresh values.
   */
  update<T>(counters: string[], decide: (logs: Map<string, SendLog | null>) => { writes: Map<string, SendLog>; result: T }): Promise<T>;
}

/** A limit was reached: nothing was counted or sent; `retryAt` is when the first rule that refused allows one more. */
export class SendLimitReached extends Error {
  override name = "SendLimitReached";
  constructor(
    message: string,
    readonly retryAt: Date,
  ) {
    super(message);
  }
}

/** The sends still inside the rule's window, oldest first. */
function recentSends(log: SendLog | null, rule: SendLimitRule, now: Date): Date[] {
  const since = now.getTime() - rule.windowMs;
  return (log?.sent ?? []).filter((at) => at.getTime() > since).sort((a, b) => a.getTime() - b.getTime());
}

/**
 * Decides one send against all rules: either every counter takes it, or
 * none does and the answer says when to try again (the latest time any
 * refusing rule names, since all must allow the send).
 */
export function decideSend(rules: SendLimitRule[], logs: Map<string, SendLog | null>, now: Date): { writes: Map<string, SendLog> } | { refused: SendLimitReached } {
  const writes = new Map<string, SendLog>();
  let refusal: { rule: SendLimitRule; retryAt: Date } | undefined;
  for (const rule of rules) {
    const recent = recentSends(writes.get(rule.counter) ?? logs.get(rule.counter) ?? null, rule, now);
    if (recent.length >= rule.limit) {
      // The send that must leave the window before one more fits.
      const retryAt = new Date(recent[recent.length - rule.limit]!.getTime() + rule.windowMs);
      if (!refusal || retryAt > refusal.retryAt) refusal = { rule, retryAt };
      continue;
    }
    const sent = [...recent, now];
    const previous = writes.get(rule.counter)?.expireAt.getTime() ?? 0;
    writes.set(rule.counter, { sent, expireAt: new Date(Math.max(previous, now.getTime() + rule.windowMs)) });
  }
  if (refusal) {
    // Said to the minute, rounded up, so that trying at the time said works.
    const retryAt = new Date(Math.ceil(refusal.retryAt.getTime() / 60_000) * 60_000);
    return { refused: new SendLimitReached(`${refusal.rule.refusal} Try again after ${formatExpiry(retryAt)}.`, retryAt) };
  }
  return { writes };
}

/** Counts one send on every rule's counter, or throws SendLimitReached and counts nothing. */
export async function reserveSend(store: SendLimitStore, rules: SendLimitRule[], now: Date): Promise<void> {
  const counters = [...new Set(rules.map((rule) => rule.counter))];
  const refused = await store.update(counters, (logs) => {
    const decision = decideSend(rules, logs, now);
    return "refused" in decision ? { writes: new Map(), result: decision.refused } : { writes: decision.writes, result: null };
  });
  if (refused) throw refused;
}
