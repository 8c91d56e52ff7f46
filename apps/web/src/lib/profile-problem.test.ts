import { Timestamp } from "firebase/firestore";
import { readProfile } from "./profile-problem";

describe("readProfile", () => {
  it("a profile holding only server fields is reported as a problem, not left loading", () => {
    const reading = readProfile({ usedBytes: 1234 });
    expect(reading.profile).toBeNull();
    expect(reading.problem?.message).toMatch(/^Your profile is incomplete or damaged \(.*ageConfirmed.*\)\. Finish setting it up, or sign out\.$/);
    expect(reading.problem?.presentFields).toEqual([]);
  });

  it("lists the self fields already present so that completing writes only the others", () => {
    const reading = readProfile({ email: "a@example.test", displayName: "A", createdAt: Timestamp.now() });
    expect(reading.problem?.presentFields).toEqual(["email", "displayName", "createdAt"]);
  });

  it("reads a valid profile and no record as before", () => {
    const now = Timestamp.now();
    const valid = { email: null, displayName: "A", ageConfirmed: true, policyVersion: "v", policyAcceptedAt: now, createdAt: now };
    expect(readProfile(valid)).toMatchObject({ profile: { displayName: "A" }, problem: null });
    expect(readProfile(undefined)).toEqual({ profile: null, problem: null });
  });
});
