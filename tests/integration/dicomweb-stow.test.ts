/**
 * STOW-RS on the emulators, behind the Hosting rewrite: a request's parts go
 * through the browser upload's ingest (same verdicts, deduplication, quota,
 * batch record) and the answer is the standard's Store Instances Response.
 */
import { buildStudy, type BuiltStudy } from "../../functions/src/ingest/testing/build-study";
import { createAccessToken, dicomwebAuthorization } from "../support/access-tokens";
import { webUrl } from "../support/emulators";
import { createUploader, db, readBatch, readStudy, usedBytes, type Uploader } from "../support/ingest-client";

const BOUNDARY = "stow-test-boundary-0123456789";
const CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";

interface Part {
  type?: string;
  bytes: Uint8Array | string;
}

function multipart(parts: Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Type: ${part.type ?? "application/dicom"}\r\nContent-Length: ${Buffer.byteLength(part.bytes)}\r\n\r\n`));
    chunks.push(Buffer.from(part.bytes));
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

interface StowAnswer {
  status: number;
  body: any;
  text: string;
  warnings: string | null;
}

async function stow(user: Uploader, body: Buffer, options: { path?: string; contentType?: string; token?: string } = {}): Promise<StowAnswer> {
  const response = await fetch(webUrl(`/dicomweb/${options.path ?? "studies"}`), {
    method: "POST",
    headers: {
      Authorization: options.token ? dicomwebAuthorization(options.token) : `Bearer ${user.idToken}`,
      Accept: "application/dicom+json",
      "Content-Type": options.contentType ?? `multipart/related; type="application/dicom"; boundary=${BOUNDARY}`,
    },
    body,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, body: parsed, text, warnings: response.headers.get("warning") };
}

const dicomParts = (study: BuiltStudy): Part[] => study.files.map((file) => ({ bytes: file.bytes }));
const values = (sequence: any): any[] => sequence?.Value ?? [];
const sopUIDs = (sequence: any): string[] => values(sequence).map((item) => item["00081155"].Value[0]).sort();
const reasons = (sequence: any, tag = "00081197"): number[] => values(sequence).map((item) => item[tag].Value[0]);

it("stores a study sent as one request, answers 200 with the standard response, and records it as an upload batch", async () => {
  const user = await createUploader("stow");
  const study = buildStudy({ series: [{ instances: 2 }, { instances: 1, modality: "MR" }] });
  const answer = await stow(user, multipart(dicomParts(study)));
  expect(answer.status).toBe(200);

  expect(answer.body["00081190"]).toEqual({ vr: "UR", Value: [expect.stringMatching(new RegExp(`/dicomweb/studies/${study.studyInstanceUID}$`))] });
  expect(answer.body["00081198"]).toBeUndefined();
  const referenced = values(answer.body["00081199"]);
  expect(sopUIDs(answer.body["00081199"])).toEqual(study.files.map((f) => f.sopInstanceUID).sort());
  const first = referenced.find((item) => item["00081155"].Value[0] === study.files[0]!.sopInstanceUID);
  expect(first["00081150"]).toEqual({ vr: "UI", Value: [CT_IMAGE_STORAGE] });
  expect(first["00081190"].Value[0]).toMatch(new RegExp(`^https?://[^/]+/dicomweb/studies/${study.studyInstanceUID}/series/${study.files[0]!.seriesInstanceUID}/instances/${study.files[0]!.sopInstanceUID}$`));

  const record = await readStudy(user.uid, study.studyInstanceUID);
  expect(record).toMatchObject({ NumberOfStudyRelatedSeries: 2, NumberOfStudyRelatedInstances: 3 });
  expect(record!.series.map((s) => s.NumberOfSeriesRelatedInstances).sort()).toEqual([1, 2]);

  const batches = await db.collection(`users/${user.uid}/uploads`).where("sentBy", "==", "DICOMweb, signed in").get();
  expect(batches.size).toBe(1);
  const batch = await readBatch(user.uid, batches.docs[0]!.id);
  expect(batch).toMatchObject({ status: "done", counts: { stored: 3, duplicate: 0, skipped: 0, failed: 0 }, studyInstanceUIDs: [study.studyInstanceUID] });
  const started = await db.collection(`users/${user.uid}/auditLog`).where("action", "==", "upload-started").get();
  expect(started.docs.map((doc) => doc.get("batchId"))).toEqual([batches.docs[0]!.id]);
});

it("stores the DICOM parts of a request and refuses the others with a reason (202)", async () => {
  const user = await createUploader("stow");
  const study = buildStudy({ series: [{ instances: 2 }] });
  const answer = await stow(user, multipart([{ bytes: study.files[0]!.bytes }, { type: "image/jpeg", bytes: "not an instance" }, { bytes: "plain text, said to be DICOM" }, { bytes: study.files[1]!.bytes }]));
  expect(answer.status).toBe(202);
  expect(sopUIDs(answer.body["00081199"])).toEqual(study.files.map((f) => f.sopInstanceUID).sort());
  expect(reasons(answer.body["0008119A"])).toEqual([0xc000, 0xc000]);
  expect(answer.warnings).toMatch(/C000 STOW-RS part 2: the part is image\/jpeg, not application\/dicom/);
  expect((await readStudy(user.uid, study.studyInstanceUID))!.NumberOfStudyRelatedInstances).toBe(2);
  const batch = (await db.collection(`users/${user.uid}/uploads`).get()).docs[0]!;
  expect(batch.get("counts")).toEqual({ stored: 2, duplicate: 0, skipped: 2, failed: 0 });
  expect(batch.get("problems").map((p: { file: string; reason: string }) => [p.file, p.reason])).toEqual([
    ["STOW-RS part 2", "not-dicom"],
    ["STOW-RS part 3", "not-dicom"],
  ]);
});

it("answers a duplicate instance with the duplicate code and stores nothing twice", async () => {
  const user = await createUploader("stow");
  const study = buildStudy({ series: [{ instances: 1 }] });
  expect((await stow(user, multipart(dicomParts(study)))).status).toBe(200);
  const used = await usedBytes(user.uid);
  const again = await stow(user, multipart(dicomParts(study)));
  expect(again.status).toBe(202);
  expect(sopUIDs(again.body["00081199"])).toEqual([study.files[0]!.sopInstanceUID]);
  expect(reasons(again.body["00081199"], "00081196")).toEqual([0x0111]);
  expect(again.warnings).toMatch(/0111 STOW-RS part 1: already in this archive/);
  expect(await usedBytes(user.uid)).toBe(used);
  expect((await readStudy(user.uid, study.studyInstanceUID))!.NumberOfStudyRelatedInstances).toBe(1);
});

it("refuses, in POST studies/{study}, an instance of another study with the mismatch code", async () => {
  const user = await createUploader("stow");
  const named = buildStudy({ series: [{ instances: 1 }] });
  const other = buildStudy({ series: [{ instances: 1 }] });
  const answer = await stow(user, multipart([...dicomParts(named), ...dicomParts(other)]), { path: `studies/${named.studyInstanceUID}` });
  expect(answer.status).toBe(202);
  expect(answer.body["00081190"].Value[0]).toMatch(new RegExp(`/dicomweb/studies/${named.studyInstanceUID}$`));
  expect(sopUIDs(answer.body["00081199"])).toEqual([named.files[0]!.sopInstanceUID]);
  expect(sopUIDs(answer.body["00081198"])).toEqual([other.files[0]!.sopInstanceUID]);
  expect(reasons(answer.body["00081198"])).toEqual([0xc409]);
  expect(answer.warnings).toMatch(new RegExp(`belongs to study ${other.studyInstanceUID.replace(/\./g, "\\.")}, not to study`));
  expect(await readStudy(user.uid, other.studyInstanceUID)).toBeNull();
});

it("refuses instances past the storage quota as out of resources (409 when none fits)", async () => {
  const user = await createUploader("stow");
  const study = buildStudy({ series: [{ instances: 2 }] });
  await db.doc(`users/${user.uid}`).set({ quotaBytes: Math.floor(study.files[0]!.bytes.length / 2) }, { merge: true });
  const answer = await stow(user, multipart(dicomParts(study)));
  expect(answer.status).toBe(409);
  expect(answer.body["00081199"]).toEqual({ vr: "SQ" });
  expect(sopUIDs(answer.body["00081198"])).toEqual(study.files.map((f) => f.sopInstanceUID).sort());
  expect(reasons(answer.body["00081198"])).toEqual([0xa700, 0xa700]);
  expect(answer.warnings).toMatch(/A700 STOW-RS part \d: over your storage quota/);
  expect(await usedBytes(user.uid)).toBe(0);
});

it("refuses another media type with 415, saying metadata with bulk data is not supported", async () => {
  const user = await createUploader("stow");
  const answer = await stow(user, Buffer.from("[]"), { contentType: `multipart/related; type="application/dicom+json"; boundary=${BOUNDARY}` });
  expect(answer.status).toBe(415);
  expect(answer.text).toMatch(/application\/dicom\+json.*not supported/);
});

it("refuses a body that is not a complete multipart message with 400", async () => {
  const user = await createUploader("stow");
  const whole = multipart(dicomParts(buildStudy({ series: [{ instances: 1 }] })));
  const answer = await stow(user, whole.subarray(0, whole.length - 20));
  expect(answer.status).toBe(400);
  expect(answer.text).toMatch(/multipart body cannot be read/);
});

it("refuses a body over 32 MB with 413, telling the gateway to send one series or one instance per request", async () => {
  const user = await createUploader("stow");
  // Between our 32 MB and the platform's own 32 MiB: the request reaches us, and we say why.
  const big = Buffer.alloc(32_100_000);
  const answer = await stow(user, multipart([{ bytes: big }]));
  expect(answer.status).toBe(413);
  expect(answer.text).toMatch(/larger than the 32 MB a request may carry\. Send one series, or one instance, per request/);
});

it("still answers 413 for a body over the platform's own 32 MiB, which never reaches the service", async () => {
  const user = await createUploader("stow");
  const answer = await stow(user, multipart([{ bytes: Buffer.alloc(34 * 1024 * 1024) }]));
  expect(answer.status).toBe(413);
});

it("stores with a read-and-write personal access token, naming the batch and the audit entry for it", async () => {
  const user = await createUploader("stow");
  const token = await createAccessToken(user, { name: "Orthanc gateway", scope: "read-write" });
  const study = buildStudy({ series: [{ instances: 1 }] });
  expect((await stow(user, multipart(dicomParts(study)), { token })).status).toBe(200);
  const batches = await db.collection(`users/${user.uid}/uploads`).where("sentBy", "==", "Orthanc gateway").get();
  expect(batches.size).toBe(1);
  const started = await db.collection(`users/${user.uid}/auditLog`).where("action", "==", "upload-started").get();
  expect(started.docs.map((doc) => [doc.get("batchId"), doc.get("tokenName")])).toEqual([[batches.docs[0]!.id, "Orthanc gateway"]]);
});

it("refuses STOW with a read-only personal access token (403, saying why) and stores nothing", async () => {
  const user = await createUploader("stow");
  const token = await createAccessToken(user, { name: "viewer", scope: "read" });
  const study = buildStudy({ series: [{ instances: 1 }] });
  const answer = await stow(user, multipart(dicomParts(study)), { token });
  expect(answer.status).toBe(403);
  expect(answer.text).toMatch(/may only read.*read and write scope/);
  expect(await readStudy(user.uid, study.studyInstanceUID)).toBeNull();
  expect((await db.collection(`users/${user.uid}/uploads`).get()).size).toBe(0);
});
