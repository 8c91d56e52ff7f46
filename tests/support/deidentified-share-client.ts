/**
 * De-identified share links on the emulators: a study whose identifying
 * values are easy to search for in bytes, links that wait for their
 * copies, and readers for the copies, their ZIPs and their headers.
 */
import * as dicomParser from "dicom-parser";
import JSZip from "jszip";
import type { ShareDeidentification } from "@pacs/shared";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildStudy, type SeriesSpec } from "../../functions/src/ingest/testing/build-study";
import type { BuildDicomOptions } from "../../functions/src/ingest/testing/build-dicom";
import { webUrl } from "./emulators";
import { db, instancesBucket, listObjects, uploadBatch, type Uploader } from "./ingest-client";
import { createShareLink, shareLinkDoc, tokenOf, type Answer } from "./share-client";

/** Values of the original that no byte of a copy, manifest or ZIP may hold. */
export const IDENTIFYING = { PatientName: "Zebulon^Quixote", PatientID: "ZQ-PID-4242", AccessionNumber: "ACCZQ9917", ReferringPhysicianName: "Referrer^Rita" };

/** An uploaded study of `owner` that carries {@link IDENTIFYING}. */
export async function uploadIdentifiedStudy(owner: Uploader, series: SeriesSpec[] = [{ instances: 2 }], options?: BuildDicomOptions) {
  const study = buildStudy({
    series,
    patient: [
      { tag: "00100010", vr: "PN", value: IDENTIFYING.PatientName },
      { tag: "00100020", vr: "LO", value: IDENTIFYING.PatientID },
      { tag: "00080050", vr: "SH", value: IDENTIFYING.AccessionNumber },
    ],
    ...(options ? { options } : {}),
  });
  await uploadBatch(owner, [{ relativePath: "s.zip", bytes: await buildZip(Object.fromEntries(study.files.map((f) => [f.name, f.bytes]))) }]);
  return study;
}

/** Every UID of the original study: none may reach a recipient. */
export function originalUIDs(study: ReturnType<typeof buildStudy>): string[] {
  return [study.studyInstanceUID, ...study.seriesInstanceUIDs, ...study.files.map((f) => f.sopInstanceUID)];
}

/** Ultrasound Image Storage: refused by default for burned-in text. */
export const US_IMAGE_SOP_CLASS = "1.2.840.10008.5.1.4.1.1.6.1";

export async function createDeidentifiedLink(owner: Uploader, StudyInstanceUID: string, deidentify: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Promise<Answer> {
  return createShareLink(owner, { StudyInstanceUID, deidentify: { pseudonym: "Case 12", ...deidentify }, ...extra });
}

export async function readCopiesState(ownerUid: string, linkId: string): Promise<ShareDeidentification | null> {
  return ((await shareLinkDoc(ownerUid, linkId).get()).get("deidentification") as ShareDeidentification | undefined) ?? null;
}

/** Polls the link until its copies are ready or failed (the task runs in the Functions emulator). */
export async function waitForCopies(ownerUid: string, linkId: string, timeoutMs = 60_000): Promise<ShareDeidentification> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await readCopiesState(ownerUid, linkId);
    if (state && state.status !== "preparing") return state;
    if (Date.now() > deadline) throw new Error(`link ${linkId} still preparing after ${timeoutMs} ms: ${JSON.stringify(state)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A de-identified link, created and ready: its id and token. */
export async function readyDeidentifiedLink(owner: Uploader, StudyInstanceUID: string, deidentify: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  const created = await createDeidentifiedLink(owner, StudyInstanceUID, deidentify, extra);
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const linkId = created.body.linkId as string;
  const state = await waitForCopies(owner.uid, linkId);
  if (state.status !== "ready") throw new Error(`copies ${state.status}: ${state.error}`);
  return { linkId, token: tokenOf(created.body.path), state };
}

export function listCopies(ownerUid: string, linkId?: string): Promise<string[]> {
  return listObjects(`deidentified/${ownerUid}/${linkId ? `${linkId}/` : ""}`, instancesBucket);
}

export function serverShareDoc(linkId: string) {
  return db.collection("deidentifiedShares").doc(linkId);
}

/** The objects' MD5s by name, to compare two runs byte for byte. */
export async function hashCopies(ownerUid: string, linkId: string): Promise<Record<string, string>> {
  const [files] = await instancesBucket.getFiles({ prefix: `deidentified/${ownerUid}/${linkId}/` });
  return Object.fromEntries(files.map((file) => [file.name, String(file.metadata.md5Hash)]));
}

/** The files of a ZIP behind a signed URL, by name. */
export async function readZipFiles(url: string): Promise<Map<string, Buffer>> {
  const zip = await JSZip.loadAsync(Buffer.from(await (await fetch(url)).arrayBuffer()));
  const files = new Map<string, Buffer>();
  for (const name of Object.keys(zip.files).filter((n) => !zip.files[n]!.dir)) files.set(name, await zip.files[name]!.async("nodebuffer"));
  return files;
}

/** One attribute's value as text: `tag` like "x00100010". */
export function readTag(bytes: Uint8Array, tag: string): string | undefined {
  return dicomParser.parseDicom(bytes).string(tag);
}

/** Which of the values appear anywhere in the bytes (a byte search, not only the tags). */
export function findValues(bytes: Uint8Array | string, values: string[]): string[] {
  const haystack = typeof bytes === "string" ? Buffer.from(bytes) : Buffer.from(bytes);
  return values.filter((value) => haystack.includes(Buffer.from(value, "latin1")));
}

export async function postJson(user: Uploader, path: string, body: unknown = {}): Promise<Answer> {
  const response = await fetch(webUrl(path), {
    method: "POST",
    headers: { Authorization: `Bearer ${user.idToken}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}
