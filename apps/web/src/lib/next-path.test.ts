import { safeNextPath, signInPathFor } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site", () => {
    expect(safeNextPath("/profile/?tab=1")).toBe("/profile/?tab=1");
    expect(safeNextPath("/studies/?q=a%2Fb#top")).toBe("/studies/?q=a%2Fb#top");
  });

  it.each(["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "", null])(
    "falls back to the study list for %p",
    (value) => {
      expect(safeNextPath(value)).toBe("/studies/");
    },
  );

  // Known open-redirect bypasses. Browsers strip tabs and newlines from URLs and
  // read a backslash as a slash, so each of these would otherwise become
  // "//evil.example", a link to another site.
  it.each([
    ["a tab between the slashes (?next=%2F%09%2Fevil.example)", new URLSearchParams("next=%2F%09%2Fevil.example").get("next")],
    ["a newline between the slashes", "/\n/evil.example"],
    ["a carriage return between the slashes", "/\r/evil.example"],
    ["a leading tab", "\t//evil.example"],
    ["a leading space", " //evil.example"],
    ["a NUL byte", "/\u0000/evil.example"],
    ["a vertical tab", "/\u000b/evil.example"],
    ["a Unicode line separator", "/\u2028/evil.example"],
    ["two backslashes", "\\\\evil.example"],
    ["a slash and a backslash", "/\\/evil.example"],
    ["a dot segment collapsing to two slashes", "/.//evil.example"],
    ["a dot-dot segment collapsing to two slashes", "/..//evil.example"],
    ["an encoded second slash", "/%2Fevil.example"],
    ["an encoded backslash", "/%5Cevil.example"],
    ["an encoded tab", "/%09/evil.example"],
    ["a double-encoded second slash", "/%252Fevil.example"],
    ["a scheme after a slash-less start", "https:/evil.example"],
  ])("an open redirect through %s falls back to the study list", (_label, value) => {
    expect(safeNextPath(value)).toBe("/studies/");
  });

  it("round-trips through the sign-in link", () => {
    const next = new URL(signInPathFor("/profile/?a=b&c=d"), "http://x").searchParams.get("next");
    expect(safeNextPath(next)).toBe("/profile/?a=b&c=d");
  });
});
