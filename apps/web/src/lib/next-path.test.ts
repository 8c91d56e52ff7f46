import { safeNextPath, signInPathFor } from "./next-path";

describe("safeNextPath", () => {
  it("keeps a path on this site", () => {
    expect(safeNextPath("/profile/?tab=1")).toBe("/profile/?tab=1");
  });

  it.each(["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "", null])(
    "falls back to the study list for %p",
    (value) => {
      expect(safeNextPath(value)).toBe("/studies/");
    },
  );

  it("round-trips through the sign-in link", () => {
    const next = new URL(signInPathFor("/profile/?a=b&c=d"), "http://x").searchParams.get("next");
    expect(safeNextPath(next)).toBe("/profile/?a=b&c=d");
  });
});
