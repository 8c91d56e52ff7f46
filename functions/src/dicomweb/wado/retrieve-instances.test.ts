import type { StoredInstance } from "@pacs/shared";
import type { Request, Response } from "express";
import { Timestamp } from "firebase-admin/firestore";
import { PassThrough, Readable } from "node:stream";
import type { DicomwebDeps } from "../dicomweb-deps";
import { DicomwebError } from "../dicomweb-error";
import { MAX_RESPONSE_BYTES, retrieveInstances } from "./retrieve-instances";
import { readMultipart } from "./testing/read-multipart";

const STUDY = "1.2.3";
const SERIES = "1.2.3.4";

function instance(sop: string, instanceNumber: number, byteLength: number): StoredInstance {
  return {
    metadata: { StudyInstanceUID: STUDY, SeriesInstanceUID: SERIES, SOPInstanceUID: sop, SOPClassUID: "1.2.840.10008.5.1.4.1.1.2", TransferSyntaxUID: "1.2.840.10008.1.2.1", Modality: "CT", InstanceNumber: instanceNumber },
    byteLength,
  };
}

/** Just the Firestore and Storage calls retrieve makes: the study record, its instance chunks, and object reads. */
function fakeDeps(instances: StoredInstance[], objects: Record<string, Buffer> = {}): DicomwebDeps {
  // Firestore hands back Timestamps, which the reader turns into Dates.
  const now = Timestamp.fromMillis(0);
  const record = { StudyInstanceUID: STUDY, PatientID: "", ModalitiesInStudy: ["CT"], NumberOfStudyRelatedSeries: 1, NumberOfStudyRelatedInstances: instances.length, totalBytes: 0, series: [], createdAt: now, updatedAt: now };
  const studyDoc = {
    get: async () => ({ exists: true, data: () => record }),
    collection: () => ({ get: async () => ({ docs: [{ data: () => ({ StudyInstanceUID: STUDY, instances }) }] }) }),
  };
  const db = { collection: () => ({ doc: () => ({ collection: () => ({ doc: () => studyDoc }) }) }) };
  const bucket = { file: (name: string) => ({ createReadStream: () => Readable.from([objects[name] ?? Buffer.alloc(0)]) }) };
  return { db, instancesBucket: () => bucket, appOrigin: () => "https://pacs.example" } as unknown as DicomwebDeps;
}

function fakeExchange(accept?: string) {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  const headers: Record<string, string> = {};
  const res = Object.assign(out, {
    locals: { caller: { uid: "owner", scope: "read" } },
    status: () => res,
    set: (values: Record<string, string>) => Object.assign(headers, values) && res,
  });
  const req = { method: "GET", get: (name: string) => (name.toLowerCase() === "accept" ? accept : undefined) };
  return { req: req as unknown as Request, res: res as unknown as Response, headers, body: () => Buffer.concat(chunks) };
}

it("streams each stored original in Instance Number order, from its canonical path, with its syntax and location", async () => {
  const objects = {
    [`instances/owner/${STUDY}/${SERIES}/1.9.2.dcm`]: Buffer.from("second file"),
    [`instances/owner/${STUDY}/${SERIES}/1.9.1.dcm`]: Buffer.from("first file"),
  };
  const exchange = fakeExchange();
  await retrieveInstances(fakeDeps([instance("1.9.2", 2, 11), instance("1.9.1", 1, 10)], objects), exchange.req, exchange.res, { StudyInstanceUID: STUDY });
  expect(Number(exchange.headers["Content-Length"])).toBe(exchange.body().length);
  const parts = readMultipart(exchange.headers["Content-Type"]!, exchange.body());
  expect(parts.map((p) => p.body.toString())).toEqual(["first file", "second file"]);
  expect(parts[0]!.headers).toEqual({
    "content-type": "application/dicom; transfer-syntax=1.2.840.10008.1.2.1",
    "content-location": `https://pacs.example/dicomweb/studies/${STUDY}/series/${SERIES}/instances/1.9.1`,
  });
});

it("refuses a series larger than a response may carry with 413 before sending anything, saying to retrieve per instance", async () => {
  const exchange = fakeExchange();
  const half = MAX_RESPONSE_BYTES / 2;
  const attempt = retrieveInstances(fakeDeps([instance("1.9.1", 1, half), instance("1.9.2", 2, half)]), exchange.req, exchange.res, { StudyInstanceUID: STUDY, SeriesInstanceUID: SERIES });
  await expect(attempt).rejects.toThrow(DicomwebError);
  await attempt.catch((error: DicomwebError) => {
    expect(error.status).toBe(413);
    expect(error.message).toMatch(/more than the 32 MB .* instances one at a time/);
  });
  expect(exchange.headers["Content-Type"]).toBeUndefined();
});
