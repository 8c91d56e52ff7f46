/**
 * firestore.rules for de-identified links: the key that makes a link's
 * copies, and the copies' metadata, live in `deidentifiedShares/{linkId}`,
 * which no client reads or writes, the link's owner included. The owner
 * reads the link's state (`deidentification`) on the link itself.
 */
import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, Timestamp, updateDoc, where } from "firebase/firestore";
import { useFirestoreRulesEnvironment } from "../support/rules-env";

const ALICE = "alice";
const BOB = "bob";
const LINK = "link-0001";
const share = ["deidentifiedShares", LINK] as const;
const chunk = [...share, "instanceChunks", "0000"] as const;
const link = ["users", ALICE, "shareLinks", LINK] as const;

function dbAs(uid: string) {
  return rulesEnv().authenticatedContext(uid, { email: `${uid}@example.test`, email_verified: true }).firestore();
}

const rulesEnv = useFirestoreRulesEnvironment(async (db) => {
  const now = Timestamp.now();
  await setDoc(doc(db, ...share), { ownerUid: ALICE, linkId: LINK, StudyInstanceUID: "1.2.3", key: "k".repeat(43), createdAt: now, expiresAt: now, study: null, chunks: 1 });
  await setDoc(doc(db, ...chunk), { StudyInstanceUID: "2.25.1", instances: [] });
  await setDoc(doc(db, ...link), { linkId: LINK, deidentification: { status: "ready", pseudonym: "Case 12" } });
});
const anonymous = () => rulesEnv().unauthenticatedContext().firestore();

it("closes the key and the copies' metadata to every client, the link's owner included", async () => {
  for (const db of [dbAs(ALICE), dbAs(BOB), anonymous()]) {
    await assertFails(getDoc(doc(db, ...share)));
    await assertFails(getDocs(collection(db, "deidentifiedShares")));
    await assertFails(getDocs(query(collection(db, "deidentifiedShares"), where("ownerUid", "==", ALICE))));
    await assertFails(getDoc(doc(db, ...chunk)));
    await assertFails(getDocs(collection(db, ...share, "instanceChunks")));
  }
});

it("refuses every client write, so that nobody plants a key or metadata", async () => {
  for (const db of [dbAs(ALICE), dbAs(BOB), anonymous()]) {
    await assertFails(setDoc(doc(db, "deidentifiedShares", "planted"), { ownerUid: ALICE, linkId: "planted", key: "k".repeat(43) }));
    await assertFails(updateDoc(doc(db, ...share), { key: "x".repeat(43) }));
    await assertFails(deleteDoc(doc(db, ...share)));
    await assertFails(setDoc(doc(db, ...chunk), { StudyInstanceUID: "1.2.3", instances: [] }));
  }
});

it("lets the owner read the link's de-identification state, and change none of it", async () => {
  const snapshot = await assertSucceeds(getDoc(doc(dbAs(ALICE), ...link)));
  expect(snapshot.get("deidentification.status")).toBe("ready");
  await assertFails(updateDoc(doc(dbAs(ALICE), ...link), { "deidentification.status": "preparing" }));
  await assertFails(getDoc(doc(dbAs(BOB), ...link)));
});
