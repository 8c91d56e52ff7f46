import { activeLockout, failuresLeft, recordPinFailure, type PinAttempts, type PinLimit } from "./pin-guard";

const limit: PinLimit = { maxFailures: 3, windowMs: 60_000, lockoutMs: 120_000 };
const at = (ms: number) => new Date(Date.UTC(2026, 10, 22) + ms);

function failTimes(times: number[]): PinAttempts | undefined {
  let state: PinAttempts | undefined;
  for (const ms of times) state = recordPinFailure(state, at(ms), limit);
  return state;
}

describe("PIN lockout", () => {
  it("locks after the last allowed failure inside the window, for the lockout time", () => {
    const state = failTimes([0, 1_000, 2_000]);
    expect(activeLockout(state, at(2_000))).toEqual(at(122_000));
    expect(activeLockout(state, at(121_999))).toEqual(at(122_000));
    expect(activeLockout(state, at(122_000))).toBeNull();
  });

  it("counts down the tries left and does not lock before the limit", () => {
    expect(failuresLeft(undefined, at(0), limit)).toBe(3);
    const state = failTimes([0, 1_000]);
    expect(failuresLeft(state, at(1_000), limit)).toBe(1);
    expect(activeLockout(state, at(1_000))).toBeNull();
  });

  it("forgets failures once their window has passed", () => {
    const state = failTimes([0, 1_000, 61_000]);
    expect(state).toEqual({ failures: 1, windowStartedAt: at(61_000), lockedUntil: null });
    expect(failuresLeft(failTimes([0, 1_000]), at(60_000), limit)).toBe(3);
  });

  it("starts counting afresh after a lockout has ended, even inside the window", () => {
    const shortLockout: PinLimit = { maxFailures: 3, windowMs: 600_000, lockoutMs: 10_000 };
    let state: PinAttempts | undefined;
    for (const ms of [0, 1_000, 2_000, 13_000]) state = recordPinFailure(state, at(ms), shortLockout);
    expect(state).toEqual({ failures: 1, windowStartedAt: at(13_000), lockedUntil: null });
  });
});
