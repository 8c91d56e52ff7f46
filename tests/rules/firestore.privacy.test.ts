/**
 * firestore.rules for privacy requests and deletion proofs: a requester
 * reads their own requests, an administrator (custom claim) reads every
 * request and proof, nobody else reads them, and no client writes them.
 */
import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from "firebase/firestore";
import { useFirestoreRulesEnvironment } from "../support/rules-env";

const rulesEnv = useFirestoreRulesEnvironment(async (db) => {
  await setDoc(doc(db, "privacyRequests", "r1"), { requestId: "r1", uid: "alice", kind: "export", status: "awaiting-confirmation" });
  await setDoc(doc(db, "deletionProofs", "p1"), { uidHash: "0".repeat(64) });
});
const as = (uid: string, claims: Record<string, unknown> = {}) =>
  rulesEnv().authenticatedContext(uid, { email: `${uid}@example.test`, email_verified: true, ...claims }).firestore();

it("lets a requester read their own requests, and only with a query scoped to them", async () => {
  await assertSucceeds(getDoc(doc(as("alice"), "privacyRequests", "r1")));
  await assertSucceeds(getDocs(query(collection(as("alice"), "privacyRequests"), where("uid", "==", "alice"))));
  await assertFails(getDocs(collection(as("alice"), "privacyRequests")));
  await assertFails(getDoc(doc(as("alice"), "deletionProofs", "p1")));
});

it("lets an administrator read every request and proof", async () => {
  const admin = as("root", { admin: true });
  await assertSucceeds(getDocs(collection(admin, "privacyRequests")));
  await assertSucceeds(getDocs(collection(admin, "deletionProofs")));
});

it("hides them from other users and the signed-out, and a forged non-boolean claim does not pass", async () => {
  for (const db of [as("bob"), as("mallory", { admin: "true" }), rulesEnv().unauthenticatedContext().firestore()]) {
    await assertFails(getDoc(doc(db, "privacyRequests", "r1")));
    await assertFails(getDocs(collection(db, "deletionProofs")));
  }
});

it("refuses every client write, administrators included: the server confirms and runs requests", async () => {
  for (const db of [as("alice"), as("root", { admin: true })]) {
    await assertFails(updateDoc(doc(db, "privacyRequests", "r1"), { status: "confirmed" }));
    await assertFails(setDoc(doc(db, "privacyRequests", "r2"), { uid: "alice", kind: "deletion", status: "confirmed" }));
    await assertFails(deleteDoc(doc(db, "privacyRequests", "r1")));
    await assertFails(setDoc(doc(db, "deletionProofs", "p2"), { uidHash: "1".repeat(64) }));
  }
});
