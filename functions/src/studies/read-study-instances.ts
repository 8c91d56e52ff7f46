import { InstanceChunk, type StoredInstance } from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { userRefs } from "../ingest/refs";

/**
 * Every stored instance of one owner's study, from its instance chunks (one
 * query: a 1,000-instance study is 4 documents), in a stable order (chunk id,
 * which is Firestore's default order for a collection, then position), so
 * that work over them is repeatable.
 */
export async function readStudyInstances(db: Firestore, uid: string, studyUID: string): Promise<StoredInstance[]> {
  const chunks = await userRefs(db, uid).study(studyUID).collection("instanceChunks").get();
  return chunks.docs.flatMap((doc) => InstanceChunk.parse(doc.data()).instances);
}
