import { decideSend, reserveSend, SendLimitReached, type SendLimitRule, type SendLimitStore, type SendLog } from "./send-limit";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = new Date("2026-12-02T05:00:00Z");
const at = (ms: number) => new Date(start.getTime() + ms);

/** The store as a Map; `update` runs read-decide-write without yielding, as a transaction would. */
function memoryStore(): SendLimitStore & { logs: Map<string, SendLog> } {
  const logs = new Map<string, SendLog>();
  return {
    logs,
    update: async (counters, decide) => {
      const { writes, result } = decide(new Map(counters.map((id) => [id, logs.get(id) ?? null])));
      for (const [id, log] of writes) logs.set(id, log);
      return result;
    },
  };
}

const sender: SendLimitRule = { counter: "sender-u1", limit: 3, windowMs: DAY, refusal: "You have sent 3 share emails in the last 24 hours." };
const recipient: SendLimitRule = { counter: "recipient-x", limit: 2, windowMs: DAY, refusal: "This address has had 2 emails from us in the last 24 hours." };

describe("reserveSend", () => {
  it("one sender cannot go past its limit: the send after the limit is refused with when to try again", async () => {
    const store = memoryStore();
    for (let i = 0; i < 3; i += 1) await reserveSend(store, [sender], at(i * HOUR));
    const refused = reserveSend(store, [sender], at(3 * HOUR));
    await expect(refused).rejects.toThrow(SendLimitReached);
    await expect(refused).rejects.toThrow("You have sent 3 share emails in the last 24 hours. Try again after Thursday, 3 December 2026 at 05:00 UTC.");
    await expect(refused).rejects.toMatchObject({ retryAt: at(DAY) });
  });

  it("the window slides: one more send fits as soon as the oldest leaves it, not at a fixed reset", async () => {
    const store = memoryStore();
    for (let i = 0; i < 3; i += 1) await reserveSend(store, [sender], at(i * HOUR));
    await expect(reserveSend(store, [sender], at(DAY - 1))).rejects.toThrow(SendLimitReached);
    await reserveSend(store, [sender], at(DAY));
    await expect(reserveSend(store, [sender], at(DAY + 1))).rejects.toMatchObject({ retryAt: at(DAY + HOUR) });
  });

  it("a refused send counts on no counter, so refusals do not push the retry time out", async () => {
    const store = memoryStore();
    await reserveSend(store, [sender, recipient], at(0));
    await reserveSend(store, [sender, recipient], at(1000));
    await expect(reserveSend(store, [sender, recipient], at(2000))).rejects.toThrow(recipient.refusal);
    expect(store.logs.get("sender-u1")!.sent).toHaveLength(2);
    expect(store.logs.get("recipient-x")!.sent).toHaveLength(2);
  });

  it("many senders cannot together flood one recipient: the recipient's counter is shared", async () => {
    const store = memoryStore();
    const from = (uid: string): SendLimitRule => ({ ...sender, counter: `sender-${uid}` });
    await reserveSend(store, [from("a"), recipient], at(0));
    await reserveSend(store, [from("b"), recipient], at(1));
    await expect(reserveSend(store, [from("c"), recipient], at(2))).rejects.toThrow(SendLimitReached);
  });

  it("says the latest time when several limits refuse, rounded up to the minute", () => {
    const logs = new Map<string, SendLog | null>([
      ["sender-u1", { sent: [at(0), at(1), at(2)], expireAt: at(DAY) }],
      ["recipient-x", { sent: [at(10 * HOUR + 30_000), at(11 * HOUR)], expireAt: at(DAY) }],
    ]);
    const decision = decideSend([sender, recipient], logs, at(12 * HOUR));
    expect("refused" in decision && decision.refused.retryAt).toEqual(at(DAY + 10 * HOUR + 60_000));
  });

  it("keeps only sends inside the window and sets the record's expiry one window after the newest", () => {
    const logs = new Map<string, SendLog | null>([["sender-u1", { sent: [at(0), at(2 * DAY)], expireAt: at(3 * DAY) }]]);
    const decision = decideSend([sender], logs, at(2 * DAY + HOUR));
    expect(decision).toEqual({ writes: new Map([["sender-u1", { sent: [at(2 * DAY), at(2 * DAY + HOUR)], expireAt: at(3 * DAY + HOUR) }]]) });
  });
});
