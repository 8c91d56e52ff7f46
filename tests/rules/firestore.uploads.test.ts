/**
 * firestore.rules for what ingest writes under `users/{uid}`: upload batches
 * and their files, studies and their instance chunks and source markers.
 * The server writes them all; an owner reads their own (except the markers);
 * nobody else reads anything, and no client writes anything.
 */
import { assertFails, assertSucceeds } from "@firebase/rules-unit-testing";
import { collection, deleteDoc, doc, getDoc, getDocs, setDoc, Timestamp, updateDoc } from "firebase/firestore";
import { useFirestoreRulesEnvironment } from "../support/rules-env";

const ALICE = "alice";
const BOB = "bob";
const BATCH = "batch-0001";
const STUDY = "1.2.840.113619.2.55.3.1";

/** Every document ingest writes for one batch and one study, by path segments under `users/alice`. */
const DOCUMENTS = {
  batch: ["uploads", BATCH],
  file: ["uploads", BATCH, "files", "IM0001"],
  study: ["studies", STUDY],
  chunk: ["studies", STUDY, "instanceChunks", `${BATCH}-IM0001-0`],
  source: ["studies", STUDY, "sources", `${BATCH}-IM0001`],
} as const;
type DocumentKind = keyof typeof DOCUMENTS;

/** Collections the owner may list, as [parent path under `users/alice`, collection id]. */
const READABLE_COLLECTIONS: Record<Exclude<DocumentKind, "source">, string[]> = {
  batch: ["uploads"],
  file: ["uploads", BATCH, "files"],
  study: ["studies"],
  chunk: ["studies", STUDY, "instanceChunks"],
};

function dbAs(uid: string) {
  return rulesEnv().authenticatedContext(uid, { email: `${uid}@example.test`, email_verified: true }).firestore();
}

type ClientFirestore = ReturnType<typeof dbAs>;

function aliceDoc(db: ClientFirestore, kind: DocumentKind) {
  return doc(db, "users", ALICE, ...DOCUMENTS[kind]);
}

/** Contents shaped like the shared schemas; the rules do not look at fields, only at who asks. */
function contents(kind: DocumentKind): Record<string, unknown> {
  const now = Timestamp.now();
  switch (kind) {
    case "batch":
      return { status: "processing", createdAt: now, updatedAt: now, declaredFiles: 1, declaredBytes: 100, uploadedFiles: 1 };
    case "file":
      return { relativePath: "CD/DICOM/IM0001", verdict: "stored" };
    case "study":
      return { StudyInstanceUID: STUDY, PatientID: "P1", ModalitiesInStudy: ["CT"], series: [], createdAt: now, updatedAt: now };
    case "chunk":
      return { StudyInstanceUID: STUDY, instances: [] };
    case "source":
      return { batchId: BATCH, fileId: "IM0001" };
  }
}

const KINDS = Object.keys(DOCUMENTS) as DocumentKind[];
const READABLE = Object.keys(READABLE_COLLECTIONS) as (keyof typeof READABLE_COLLECTIONS)[];

const rulesEnv = useFirestoreRulesEnvironment(async (db) => {
  for (const kind of KINDS) await setDoc(aliceDoc(db, kind), contents(kind));
});

describe("the owner", () => {
  it.each(READABLE)("reads their %s document", async (kind) => {
    const snapshot = await assertSucceeds(getDoc(aliceDoc(dbAs(ALICE), kind)));
    expect(snapshot.exists()).toBe(true);
  });

  it.each(READABLE)("lists their %s collection", async (kind) => {
    const snapshot = await assertSucceeds(getDocs(collection(dbAs(ALICE), "users", ALICE, ...READABLE_COLLECTIONS[kind])));
    expect(snapshot.size).toBe(1);
  });

  it("cannot read or list the server's source markers", async () => {
    await assertFails(getDoc(aliceDoc(dbAs(ALICE), "source")));
    await assertFails(getDocs(collection(dbAs(ALICE), "users", ALICE, "studies", STUDY, "sources")));
  });
});

describe("anyone else", () => {
  it.each(KINDS)("another user cannot read alice's %s document", async (kind) => {
    await assertFails(getDoc(aliceDoc(dbAs(BOB), kind)));
  });

  it.each(READABLE)("another user cannot list alice's %s collection", async (kind) => {
    await assertFails(getDocs(collection(dbAs(BOB), "users", ALICE, ...READABLE_COLLECTIONS[kind])));
  });

  it("reads nothing when signed out", async () => {
    const anonymous = rulesEnv().unauthenticatedContext().firestore();
    for (const kind of KINDS) await assertFails(getDoc(aliceDoc(anonymous, kind)));
  });
});

describe("client writes", () => {
  // A browser that could write these would fake its own progress, verdicts,
  // study counts or instance metadata; only the server writes them.
  it.each(KINDS)("refuses the owner creating a %s document", async (kind) => {
    const db = dbAs(ALICE);
    const fresh = doc(db, "users", ALICE, ...DOCUMENTS[kind].slice(0, -1), "created-by-client");
    await assertFails(setDoc(fresh, contents(kind)));
  });

  it.each(KINDS)("refuses the owner updating their %s document", async (kind) => {
    await assertFails(updateDoc(aliceDoc(dbAs(ALICE), kind), { updatedAt: Timestamp.now() }));
    await assertFails(setDoc(aliceDoc(dbAs(ALICE), kind), contents(kind)));
  });

  it.each(KINDS)("refuses the owner deleting their %s document", async (kind) => {
    await assertFails(deleteDoc(aliceDoc(dbAs(ALICE), kind)));
  });

  it.each(KINDS)("refuses another user creating, updating or deleting alice's %s document", async (kind) => {
    const db = dbAs(BOB);
    await assertFails(setDoc(doc(db, "users", ALICE, ...DOCUMENTS[kind].slice(0, -1), "created-by-bob"), contents(kind)));
    await assertFails(updateDoc(aliceDoc(db, kind), { updatedAt: Timestamp.now() }));
    await assertFails(deleteDoc(aliceDoc(db, kind)));
  });

  it("refuses a user announcing a batch by writing it themselves", async () => {
    await assertFails(setDoc(doc(dbAs(BOB), "users", BOB, "uploads", BATCH), contents("batch")));
  });
});
