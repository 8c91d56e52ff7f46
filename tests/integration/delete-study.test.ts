/**
 * Deleting a study: afterwards no Storage object or Firestore document of it
 * is left, its bytes are back in the quota, the user's other studies are
 * untouched, and nobody else can delete it.
 */
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy, type BuiltStudy } from "../../functions/src/ingest/testing/build-study";
import { createUploader, db, instancesBucket, listObjects, readStudy, uploadBatch, usedBytes, type Uploader } from "../support/ingest-client";
import { webUrl } from "../support/emulators";

const zipOf = (study: BuiltStudy) => buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes])));

async function deleteStudy(user: Uploader | null, studyUID: string) {
  const response = await fetch(webUrl(`/api/studies/${studyUID}`), {
    method: "DELETE",
    headers: user ? { Authorization: `Bearer ${user.idToken}` } : {},
  });
  return { status: response.status, body: (await response.json()) as any };
}

/** Every document under the user that mentions the study, found by listing, not by guessing ids. */
async function documentsOf(uid: string, studyUID: string): Promise<string[]> {
  const studyRef = db.doc(`users/${uid}/studies/${studyUID}`);
  const paths: string[] = [];
  if ((await studyRef.get()).exists) paths.push(studyRef.path);
  for (const collection of await studyRef.listCollections()) {
    paths.push(...(await collection.get()).docs.map((doc) => doc.ref.path));
  }
  const claims = await db.collection(`users/${uid}/instances`).where("StudyInstanceUID", "==", studyUID).get();
  paths.push(...claims.docs.map((doc) => doc.ref.path));
  return paths;
}

it("removes every object and document of the study and frees its bytes", async () => {
  const [owner, other] = await Promise.all([createUploader("deleter"), createUploader("intruder")]);
  const doomed = buildStudy({ series: [{ instances: 3 }, { instances: 2 }] });
  const kept = buildStudy({ series: [{ instances: 2 }] });
  await uploadBatch(owner, [
    { relativePath: "doomed.zip", bytes: await zipOf(doomed) },
    { relativePath: "kept.zip", bytes: await zipOf(kept) },
  ]);
  expect(await documentsOf(owner.uid, doomed.studyInstanceUID)).not.toEqual([]);
  const keptBytes = (await readStudy(owner.uid, kept.studyInstanceUID))!.totalBytes;
  // A prepared download of it must go too.
  const prepared = await fetch(webUrl(`/api/studies/${doomed.studyInstanceUID}/download`), { method: "POST", headers: { Authorization: `Bearer ${owner.idToken}` } });
  expect(prepared.status).toBe(201);

  expect((await deleteStudy(other, doomed.studyInstanceUID)).status).toBe(404);
  expect((await deleteStudy(null, doomed.studyInstanceUID)).status).toBe(401);
  expect(await readStudy(owner.uid, doomed.studyInstanceUID)).not.toBeNull();

  const deleted = await deleteStudy(owner, doomed.studyInstanceUID);
  expect(deleted).toEqual({ status: 200, body: { deleted: doomed.studyInstanceUID, freedBytes: expect.any(Number) } });
  expect(await listObjects(`instances/${owner.uid}/${doomed.studyInstanceUID}/`, instancesBucket)).toEqual([]);
  expect(await listObjects(`downloads/${owner.uid}/${doomed.studyInstanceUID}/`, instancesBucket)).toEqual([]);
  expect(await documentsOf(owner.uid, doomed.studyInstanceUID)).toEqual([]);
  expect(await usedBytes(owner.uid)).toBe(keptBytes);
  expect(await listObjects(`instances/${owner.uid}/${kept.studyInstanceUID}/`, instancesBucket)).toHaveLength(2);
  expect((await deleteStudy(owner, doomed.studyInstanceUID)).status).toBe(404);

  // With its claims gone, the same study can be uploaded again and is stored anew, not "already stored".
  const again = await uploadBatch(owner, [{ relativePath: "doomed.zip", bytes: await zipOf(doomed) }]);
  expect(again.batch.counts).toEqual({ stored: 5, duplicate: 0, skipped: 0, failed: 0 });
});
