/**
 * firestore.rules for share links: the owner reads their links and access
 * logs; nobody else reads them; no client writes them; and the server-only
 * token and attempt documents are closed to everyone, the owner included.
 */
import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, Timestamp, updateDoc } from "firebase/firestore";
import { useFirestoreRulesEnvironment } from "../support/rules-env";

const ALICE = "alice";
const BOB = "bob";
const LINK = "link-0001";
const link = ["users", ALICE, "shareLinks", LINK] as const;
const entry = [...link, "accessLog", "entry-1"] as const;
const token = ["shareTokens", "a".repeat(64)] as const;
const attempts = ["shareAttempts", "b".repeat(64)] as const;

function dbAs(uid: string) {
  return rulesEnv().authenticatedContext(uid, { email: `${uid}@example.test`, email_verified: true }).firestore();
}

const rulesEnv = useFirestoreRulesEnvironment(async (db) => {
  const now = Timestamp.now();
  await setDoc(doc(db, ...link), { linkId: LINK, views: 0, maxViews: 1, revokedAt: null, expiresAt: now });
  await setDoc(doc(db, ...entry), { at: now, outcome: "opened", location: "Local network", browser: "Chrome 141 on Linux" });
  await setDoc(doc(db, ...token), { ownerUid: ALICE, linkId: LINK, pinHash: null });
  await setDoc(doc(db, ...attempts), { failures: 1 });
});
const anonymous = () => rulesEnv().unauthenticatedContext().firestore();

it("lets the owner read and list their links and each link's access log", async () => {
  await assertSucceeds(getDoc(doc(dbAs(ALICE), ...link)));
  expect((await assertSucceeds(getDocs(collection(dbAs(ALICE), "users", ALICE, "shareLinks")))).size).toBe(1);
  expect((await assertSucceeds(getDocs(collection(dbAs(ALICE), ...link, "accessLog")))).size).toBe(1);
});

it("hides links and access logs from another user and from the signed-out", async () => {
  for (const db of [dbAs(BOB), anonymous()]) {
    await assertFails(getDoc(doc(db, ...link)));
    await assertFails(getDocs(collection(db, "users", ALICE, "shareLinks")));
    await assertFails(getDocs(collection(db, ...link, "accessLog")));
  }
});

it("refuses the owner raising the view limit, undoing a revoke, or writing the log", async () => {
  const db = dbAs(ALICE);
  await assertFails(updateDoc(doc(db, ...link), { maxViews: 1000 }));
  await assertFails(updateDoc(doc(db, ...link), { revokedAt: null }));
  await assertFails(setDoc(doc(db, "users", ALICE, "shareLinks", "made-by-client"), { linkId: "x", views: 0 }));
  await assertFails(deleteDoc(doc(db, ...link)));
  await assertFails(setDoc(doc(db, ...link, "accessLog", "forged"), { outcome: "opened" }));
  await assertFails(deleteDoc(doc(db, ...entry)));
});

it("closes token and attempt documents to every client, the owner included", async () => {
  for (const db of [dbAs(ALICE), dbAs(BOB), anonymous()]) {
    await assertFails(getDoc(doc(db, ...token)));
    await assertFails(getDocs(collection(db, "shareTokens")));
    await assertFails(getDoc(doc(db, ...attempts)));
    await assertFails(setDoc(doc(db, ...token), { ownerUid: ALICE, linkId: LINK, pinHash: null }));
    await assertFails(deleteDoc(doc(db, ...attempts)));
  }
});
