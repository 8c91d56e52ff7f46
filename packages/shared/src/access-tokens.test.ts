import { accessTokenStatus, CreateAccessTokenRequest } from "./access-tokens";

describe("CreateAccessTokenRequest", () => {
  it("takes a name of 1 to 100 characters (trimmed), a scope and 1 to 365 days", () => {
    expect(CreateAccessTokenRequest.parse({ name: "  Orthanc  ", scope: "read", expiresInDays: 90 })).toEqual({ name: "Orthanc", scope: "read", expiresInDays: 90 });
    expect(CreateAccessTokenRequest.safeParse({ name: "x".repeat(100), scope: "read-write", expiresInDays: 365 }).success).toBe(true);
  });

  it.each([
    [{ name: "   ", scope: "read", expiresInDays: 90 }, /Give the token a name/],
    [{ name: "x".repeat(101), scope: "read", expiresInDays: 90 }, /at most 100 characters/],
    [{ name: "a", scope: "admin", expiresInDays: 90 }, /./],
    [{ name: "a", scope: "read", expiresInDays: 366 }, /at most 365 days/],
    [{ name: "a", scope: "read", expiresInDays: 0 }, /at least 1 day/],
    [{ name: "a", scope: "read", expiresInDays: 1.5 }, /whole number/],
  ])("refuses %j, saying why", (body, message) => {
    const result = CreateAccessTokenRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join(" ")).toMatch(message);
  });
});

it("tells a token's status: revoked first, then expired at its expiry", () => {
  const now = new Date("2030-01-01T00:00:00Z");
  expect(accessTokenStatus({ expiresAt: "2030-01-02T00:00:00Z" }, now)).toBe("active");
  expect(accessTokenStatus({ expiresAt: now }, now)).toBe("expired");
  expect(accessTokenStatus({ expiresAt: "2030-01-02T00:00:00Z", revokedAt: "2029-12-31T00:00:00Z" }, now)).toBe("revoked");
});
