/**
 * firestore.rules for `users/{uid}`: owner-only, only the fields a user may
 * set, consent stamped with the server's clock. Every rule, allowed and denied.
 */
import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { deleteDoc, deleteField, doc, getDoc, serverTimestamp, setDoc, Timestamp, updateDoc } from "firebase/firestore";
import { useFirestoreRulesEnvironment } from "../support/rules-env";

const rulesEnv = useFirestoreRulesEnvironment();

const ALICE = { uid: "alice", email: "alice@example.test" };
const BOB = { uid: "bob", email: "bob@example.test" };

function newProfile(email: string | null = ALICE.email) {
  return {
    email,
    displayName: "Alice",
    ageConfirmed: true,
    policyVersion: "2026-02-08",
    policyAcceptedAt: serverTimestamp(),
    createdAt: serverTimestamp(),
  };
}

function dbAs(user: { uid: string; email: string }) {
  return rulesEnv().authenticatedContext(user.uid, { email: user.email, email_verified: true }).firestore();
}

async function seedAlice(extra: Record<string, unknown> = {}) {
  await rulesEnv().withSecurityRulesDisabled(async (context) => {
    await setDoc(doc(context.firestore(), "users", ALICE.uid), {
      ...newProfile(),
      policyAcceptedAt: Timestamp.now(),
      createdAt: Timestamp.now(),
      quotaBytes: 10,
      ...extra,
    });
  });
}


describe("creating users/{uid}", () => {
  it("lets a user create their own record with the current policy accepted now", async () => {
    await assertSucceeds(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), newProfile()));
  });

  it("refuses a record for someone else", async () => {
    await assertFails(setDoc(doc(dbAs(BOB), "users", ALICE.uid), newProfile()));
  });

  it("refuses a signed-out visitor", async () => {
    await assertFails(setDoc(doc(rulesEnv().unauthenticatedContext().firestore(), "users", ALICE.uid), newProfile()));
  });

  it("refuses a record without the 18+ confirmation", async () => {
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ...newProfile(), ageConfirmed: false }));
  });

  it("refuses a record with another policy version", async () => {
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ...newProfile(), policyVersion: "2020-01-01" }));
  });

  it("refuses a backdated consent", async () => {
    const backdated = Timestamp.fromDate(new Date("2020-01-01T00:00:00Z"));
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ...newProfile(), policyAcceptedAt: backdated }));
  });

  it("refuses server-owned fields", async () => {
    for (const field of ["quotaBytes", "usedBytes", "roles", "admin"]) {
      await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ...newProfile(), [field]: 1e12 }));
    }
  });

  it("refuses a record missing a required field", async () => {
    const { displayName: _omitted, ...withoutName } = newProfile();
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), withoutName));
  });

  it("refuses an email other than the account's", async () => {
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), newProfile("someone-else@example.test")));
  });

  it("refuses an over-long display name", async () => {
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ...newProfile(), displayName: "x".repeat(101) }));
  });
});

describe("reading users/{uid}", () => {
  beforeEach(() => seedAlice());

  it("lets the owner read their record", async () => {
    await assertSucceeds(getDoc(doc(dbAs(ALICE), "users", ALICE.uid)));
  });

  it("refuses another user", async () => {
    await assertFails(getDoc(doc(dbAs(BOB), "users", ALICE.uid)));
  });

  it("refuses a signed-out visitor", async () => {
    await assertFails(getDoc(doc(rulesEnv().unauthenticatedContext().firestore(), "users", ALICE.uid)));
  });
});

describe("updating users/{uid}", () => {
  beforeEach(() => seedAlice());

  it("lets the owner change their display name", async () => {
    await assertSucceeds(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { displayName: "Dr Alice" }));
  });

  it("lets the owner accept the current policy again, stamped now", async () => {
    await assertSucceeds(
      updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { policyVersion: "2026-02-08", policyAcceptedAt: serverTimestamp(), ageConfirmed: true }),
    );
  });

  it("refuses a backdated re-acceptance", async () => {
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { policyAcceptedAt: Timestamp.fromDate(new Date("2020-01-01")) }));
  });

  it("refuses withdrawing the age confirmation", async () => {
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ageConfirmed: false, policyAcceptedAt: serverTimestamp() }));
  });

  it("consent cannot be unticked alone (ageConfirmed:false with nothing else)", async () => {
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ageConfirmed: false }));
  });

  it("consent cannot be unticked while re-accepting the policy", async () => {
    await assertFails(
      updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { policyVersion: "2026-02-08", policyAcceptedAt: serverTimestamp(), ageConfirmed: false }),
    );
  });

  it("consent cannot be removed by deleting the field", async () => {
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ageConfirmed: deleteField() }));
  });

  it("refuses changes to server-owned fields", async () => {
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { quotaBytes: 1e15 }));
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { usedBytes: 0 }));
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { roles: ["admin"] }));
  });

  it("refuses changes to the email and creation time", async () => {
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { email: "alice2@example.test" }));
    await assertFails(updateDoc(doc(dbAs(ALICE), "users", ALICE.uid), { createdAt: serverTimestamp() }));
  });

  it("refuses another user's change", async () => {
    await assertFails(updateDoc(doc(dbAs(BOB), "users", ALICE.uid), { displayName: "Mallory" }));
  });
});

describe("completing a damaged users/{uid} (only server fields)", () => {
  beforeEach(() =>
    rulesEnv().withSecurityRulesDisabled(async (context) => {
      await setDoc(doc(context.firestore(), "users", ALICE.uid), { usedBytes: 1234 });
    }),
  );

  it("lets the owner add the missing fields with a current consent", async () => {
    await assertSucceeds(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), newProfile(), { merge: true }));
  });

  it("refuses completing it without the 18+ confirmation", async () => {
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ...newProfile(), ageConfirmed: false }, { merge: true }));
  });

  it("refuses completing it with a backdated creation time or server-owned fields", async () => {
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ...newProfile(), createdAt: Timestamp.fromDate(new Date("2020-01-01")) }, { merge: true }));
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), { ...newProfile(), usedBytes: 0 }, { merge: true }));
  });

  it("refuses another user completing it", async () => {
    await assertFails(setDoc(doc(dbAs(BOB), "users", ALICE.uid), newProfile(BOB.email), { merge: true }));
  });
});

describe("a complete users/{uid} cannot be rewritten as if completing it", () => {
  beforeEach(() => seedAlice());

  it("refuses a new creation time or email through a merge", async () => {
    await assertFails(setDoc(doc(dbAs(ALICE), "users", ALICE.uid), newProfile(), { merge: true }));
  });
});

describe("deleting users/{uid} and other paths", () => {
  beforeEach(() => seedAlice());

  it("refuses deletion from a client, even by the owner", async () => {
    await assertFails(deleteDoc(doc(dbAs(ALICE), "users", ALICE.uid)));
  });

  it("denies every path that no rule opens", async () => {
    await assertFails(getDoc(doc(dbAs(ALICE), "anything", "else")));
    await assertFails(setDoc(doc(dbAs(ALICE), "studies", "s1"), { owner: ALICE.uid }));
  });
});
