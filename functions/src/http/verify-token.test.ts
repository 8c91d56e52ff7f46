import { createTokenVerifier, type TokenAuth } from "./verify-token";

function fakeAuth(options: { revoked?: boolean; claimsNow?: Record<string, unknown>; tokenClaims?: Record<string, unknown> }) {
  const calls: Array<{ token: string; checkRevoked: boolean | undefined }> = [];
  const auth: TokenAuth = {
    async verifyIdToken(token, checkRevoked) {
      calls.push({ token, checkRevoked });
      if (checkRevoked && options.revoked) throw Object.assign(new Error("revoked"), { code: "auth/id-token-revoked" });
      return { uid: "u1", email_verified: true, auth_time: 1, ...options.tokenClaims };
    },
    async getUser() {
      return { customClaims: options.claimsNow };
    },
  };
  return { auth, calls };
}

describe("createTokenVerifier", () => {
  it("a token of a deleted or revoked session is refused (asks the SDK to check revocation)", async () => {
    const { auth, calls } = fakeAuth({ revoked: true });
    await expect(createTokenVerifier(auth)("t")).rejects.toThrow("revoked");
    expect(calls).toEqual([{ token: "t", checkRevoked: true }]);
  });

  it("a withdrawn admin claim still inside an old token no longer makes its holder an administrator", async () => {
    const { auth } = fakeAuth({ tokenClaims: { admin: true }, claimsNow: {} });
    expect((await createTokenVerifier(auth)("t")).admin).toBe(false);
  });

  it("keeps a current admin claim", async () => {
    const { auth } = fakeAuth({ tokenClaims: { admin: true }, claimsNow: { admin: true } });
    expect((await createTokenVerifier(auth)("t")).admin).toBe(true);
  });

  it("does not look up ordinary users twice", async () => {
    const { auth } = fakeAuth({});
    const getUser = jest.spyOn(auth, "getUser");
    expect(await createTokenVerifier(auth)("t")).toMatchObject({ uid: "u1" });
    expect(getUser).not.toHaveBeenCalled();
  });
});
