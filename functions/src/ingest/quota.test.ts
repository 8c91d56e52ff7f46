import { decideClaims } from "./quota";

const fresh = (byteLength: number) => ({ existingSourceKey: undefined, sourceKey: `k/${byteLength}`, byteLength });

it("takes new instances while they fit and refuses the rest with what they need and what is left", () => {
  const { decisions, reservedBytes } = decideClaims({ usedBytes: 4_000_000_000, quotaBytes: 5_000_000_000 }, [fresh(600_000_000), fresh(1_200_000_000), fresh(300_000_000)]);
  expect(decisions).toEqual([
    { kind: "create" },
    { kind: "quota", detail: expect.stringContaining("this file needs 1.2 GB, 400 MB of 5 GB left") },
    { kind: "create" },
  ]);
  expect(reservedBytes).toBe(900_000_000);
});

it("charges nothing for a duplicate or for this entry's own earlier claim", () => {
  const { decisions, reservedBytes } = decideClaims({ usedBytes: 1_000, quotaBytes: 1_000 }, [
    { existingSourceKey: "other/0", sourceKey: "b~f/0", byteLength: 10 },
    { existingSourceKey: "b~f/1", sourceKey: "b~f/1", byteLength: 10 },
  ]);
  expect(decisions).toEqual([{ kind: "duplicate" }, { kind: "ours" }]);
  expect(reservedBytes).toBe(0);
});

it("says 0 B left, not a negative number, when usage is already over a lowered quota", () => {
  const { decisions } = decideClaims({ usedBytes: 2_000, quotaBytes: 1_000 }, [fresh(10)]);
  expect(decisions[0]).toEqual({ kind: "quota", detail: expect.stringContaining("10 B, 0 B of 1 kB left") });
});
