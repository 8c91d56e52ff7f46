import { recordSignInsOnUse } from "./record-sign-ins";

function setUp(claims: Record<string, { uid: string; auth_time?: number }>) {
  const recorded: Array<[string, number]> = [];
  const verify = recordSignInsOnUse(
    async (token) => {
      const decoded = claims[token];
      if (!decoded) throw new Error("invalid token");
      return decoded;
    },
    async (uid, authTime) => {
      recorded.push([uid, authTime]);
    },
  );
  return { verify, recorded };
}

describe("recordSignInsOnUse", () => {
  it("a sign-in the app never reports is recorded at its first API use, once however often its tokens are used", async () => {
    const { verify, recorded } = setUp({ a: { uid: "u1", auth_time: 1_780_000_000 }, refreshed: { uid: "u1", auth_time: 1_780_000_000 } });
    await verify("a");
    await verify("a");
    await verify("refreshed");
    expect(recorded).toEqual([["u1", 1_780_000_000]]);
  });

  it("a new sign-in of the same user is a new entry", async () => {
    const { verify, recorded } = setUp({ first: { uid: "u1", auth_time: 100 }, second: { uid: "u1", auth_time: 200 } });
    await verify("first");
    await verify("second");
    expect(recorded).toEqual([
      ["u1", 100],
      ["u1", 200],
    ]);
  });

  it("records nothing for a token that fails verification", async () => {
    const { verify, recorded } = setUp({});
    await expect(verify("forged")).rejects.toThrow("invalid token");
    expect(recorded).toEqual([]);
  });

  it("fails the call when the sign-in cannot be recorded, and tries again on the next call", async () => {
    let fail = true;
    const attempts: number[] = [];
    const verify = recordSignInsOnUse(
      async () => ({ uid: "u1", auth_time: 5 }),
      async (_uid, authTime) => {
        attempts.push(authTime);
        if (fail) throw new Error("Firestore unavailable");
      },
    );
    await expect(verify("t")).rejects.toThrow("Firestore unavailable");
    fail = false;
    await expect(verify("t")).resolves.toMatchObject({ uid: "u1" });
    expect(attempts).toEqual([5, 5]);
  });
});
