/**
 * firestore.rules for the audit log: the owner reads their own entries;
 * nobody else reads them; no client, the owner included, writes, changes or
 * deletes one, nor forges one in someone else's log.
 */
import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, Timestamp, updateDoc } from "firebase/firestore";
import { useFirestoreRulesEnvironment } from "../support/rules-env";

const ENTRY = ["users", "alice", "auditLog", "entry-1"] as const;
const entry = () => ({ at: Timestamp.now(), action: "manifest-issued", actor: "owner", StudyInstanceUID: "1.2.3", expireAt: Timestamp.now() });

const rulesEnv = useFirestoreRulesEnvironment(async (db) => {
  await setDoc(doc(db, ...ENTRY), entry());
});
const as = (uid: string) => rulesEnv().authenticatedContext(uid, { email: `${uid}@example.test`, email_verified: true }).firestore();

it("lets the owner read and list their own log", async () => {
  await assertSucceeds(getDoc(doc(as("alice"), ...ENTRY)));
  expect((await assertSucceeds(getDocs(collection(as("alice"), "users", "alice", "auditLog")))).size).toBe(1);
});

it("hides the log from another user and from the signed-out", async () => {
  for (const db of [as("bob"), rulesEnv().unauthenticatedContext().firestore()]) {
    await assertFails(getDoc(doc(db, ...ENTRY)));
    await assertFails(getDocs(collection(db, "users", "alice", "auditLog")));
  }
});

it("refuses every client write: the owner adding, changing or deleting an entry", async () => {
  const db = as("alice");
  await assertFails(setDoc(doc(db, "users", "alice", "auditLog", "made-up"), entry()));
  await assertFails(updateDoc(doc(db, ...ENTRY), { action: "sign-in" }));
  await assertFails(setDoc(doc(db, ...ENTRY), entry()));
  await assertFails(deleteDoc(doc(db, ...ENTRY)));
});

it("refuses another user, or the signed-out, writing into someone's log", async () => {
  for (const db of [as("bob"), rulesEnv().unauthenticatedContext().firestore()]) {
    await assertFails(setDoc(doc(db, "users", "alice", "auditLog", "forged"), entry()));
    await assertFails(deleteDoc(doc(db, ...ENTRY)));
  }
});
