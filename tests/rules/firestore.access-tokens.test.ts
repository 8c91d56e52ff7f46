/**
 * firestore.rules for personal access tokens: `accessTokens/{tokenId}` holds
 * a secret's hash and is server-only. No client reads or writes it, the
 * token's owner included: Settings lists tokens through the API.
 */
import { assertFails } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, Timestamp, updateDoc, where } from "firebase/firestore";
import { useFirestoreRulesEnvironment } from "../support/rules-env";

const ALICE = "alice";
const token = ["accessTokens", "0123456789abcdef0123456789abcdef"] as const;

function dbAs(uid: string) {
  return rulesEnv().authenticatedContext(uid, { email: `${uid}@example.test`, email_verified: true }).firestore();
}

const rulesEnv = useFirestoreRulesEnvironment(async (db) => {
  const now = Timestamp.now();
  await setDoc(doc(db, ...token), { uid: ALICE, name: "Orthanc", scope: "read", secretHash: "a".repeat(64), createdAt: now, expiresAt: now, lastUsedAt: null, revokedAt: null, purgeAt: now });
});
const anonymous = () => rulesEnv().unauthenticatedContext().firestore();

it("closes access tokens to every client, the owner included", async () => {
  for (const db of [dbAs(ALICE), dbAs("bob"), anonymous()]) {
    await assertFails(getDoc(doc(db, ...token)));
    await assertFails(getDocs(collection(db, "accessTokens")));
    await assertFails(getDocs(query(collection(db, "accessTokens"), where("uid", "==", ALICE))));
  }
});

it("refuses the owner creating, un-revoking, extending or deleting a token", async () => {
  const db = dbAs(ALICE);
  await assertFails(setDoc(doc(db, "accessTokens", "made-by-client"), { uid: ALICE, name: "mine", scope: "read-write", secretHash: "b".repeat(64) }));
  await assertFails(updateDoc(doc(db, ...token), { revokedAt: null, scope: "read-write" }));
  await assertFails(updateDoc(doc(db, ...token), { expiresAt: Timestamp.fromDate(new Date(Date.now() + 10 * 365 * 86_400_000)) }));
  await assertFails(deleteDoc(doc(db, ...token)));
});
