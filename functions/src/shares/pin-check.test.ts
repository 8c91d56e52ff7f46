import { checkPin, type PinCounterStore, type PinCounters } from "./pin-check";
import { PIN_LIMITS } from "./pin-guard";

const now = new Date(Date.UTC(2026, 10, 22, 9));
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** One link's two counters in memory; every write bumps a version, and a write on a stale version is refused, as Firestore's preconditions do. */
function memoryStore(): PinCounterStore & { counters: PinCounters } {
  let version = 0;
  const store = {
    counters: { link: undefined, address: undefined } as PinCounters,
    async read() {
      await settle();
      return { counters: structuredClone(store.counters), version };
    },
    async writeIfUnchanged(readVersion: unknown, next: PinCounters) {
      await settle();
      if (readVersion !== version) return false;
      version += 1;
      store.counters = structuredClone(next);
      return true;
    },
  };
  return store;
}

/** A PIN check whose verdict the test hands out later, so that all guesses are in flight at once. */
function heldVerifier() {
  const pending: Array<{ pin: string; answer: (right: boolean) => void }> = [];
  const verify = (pin: string) => () => new Promise<boolean>((answer) => pending.push({ pin, answer }));
  return { pending, verify };
}

describe("checkPin", () => {
  it("parallel wrong PINs are not all evaluated: 50 guesses in flight at once get only the address's allowance checked", async () => {
    const store = memoryStore();
    const held = heldVerifier();
    const right = "24681357";
    const guesses = [...Array.from({ length: 50 }, (_, i) => String(10_000_000 + i)), right];
    const checks = guesses.map((pin) => checkPin(store, held.verify(pin), now, { pause: settle }));
    for (let i = 0; i < 200 && held.pending.length < guesses.length; i += 1) await settle();

    // Every guess has read the counters and none has been answered: only the reserved ones reach the slow hash.
    expect(held.pending.length).toBe(PIN_LIMITS.perAddress.maxFailures);
    for (const { pin, answer } of held.pending) answer(pin === right);
    const results = await Promise.all(checks);
    expect(results.filter((r) => r.outcome === "refused" || (r.outcome === "locked" && r.evaluated))).toHaveLength(5);
    // The right PIN came last, after the limit: refused without being looked at.
    expect(results.at(-1)).toMatchObject({ outcome: "locked", evaluated: false });
    expect(store.counters.address).toMatchObject({ failures: 5, lockedUntil: new Date(now.getTime() + PIN_LIMITS.perAddress.lockoutMs) });
  });

  it("the right PIN inside the allowance opens and gives its reserved try back", async () => {
    const store = memoryStore();
    const wrong = await checkPin(store, async () => false, now, { pause: settle });
    expect(wrong).toEqual({ outcome: "refused", attemptsLeft: 4 });
    expect(await checkPin(store, async () => true, now, { pause: settle })).toEqual({ outcome: "right" });
    expect(store.counters.address?.failures).toBe(1);
    expect(store.counters.link?.failures).toBe(1);
  });

  it("the fifth wrong PIN locks the address, and a right PIN that takes the last try lifts its own lock", async () => {
    const store = memoryStore();
    for (let i = 0; i < 4; i += 1) await checkPin(store, async () => false, now, { pause: settle });
    const held = heldVerifier();
    const last = checkPin(store, held.verify("right"), now, { pause: settle });
    for (let i = 0; i < 20 && held.pending.length === 0; i += 1) await settle();
    // While the last try is being checked, the address is locked for everyone else.
    expect(await checkPin(store, async () => true, now, { pause: settle })).toMatchObject({ outcome: "locked", evaluated: false });
    held.pending[0]!.answer(true);
    expect(await last).toEqual({ outcome: "right" });
    expect(store.counters.address).toMatchObject({ failures: 4, lockedUntil: null });
  });

  it("answers busy, without evaluating, when the counters cannot be reserved", async () => {
    const store = memoryStore();
    store.writeIfUnchanged = async () => false;
    let evaluated = false;
    const result = await checkPin(store, async () => (evaluated = true), now, { pause: settle });
    expect(result).toEqual({ outcome: "busy" });
    expect(evaluated).toBe(false);
  });
});
