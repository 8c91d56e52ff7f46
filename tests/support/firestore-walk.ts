/** Every document of the emulator's database, read with admin access: for tests that must find what is (not) stored. */
import type { DocumentReference } from "firebase-admin/firestore";
import { db } from "./ingest-client";

export async function everyDocument(): Promise<Array<{ path: string; data: unknown }>> {
  const found: Array<{ path: string; data: unknown }> = [];
  async function walk(ref: DocumentReference | null): Promise<void> {
    const collections = ref ? await ref.listCollections() : await db.listCollections();
    for (const collection of collections) {
      for (const snapshot of (await collection.get()).docs) found.push({ path: snapshot.ref.path, data: snapshot.data() });
      // listDocuments also yields documents that only have subcollections.
      for (const doc of await collection.listDocuments()) await walk(doc);
    }
  }
  await walk(null);
  return found;
}
