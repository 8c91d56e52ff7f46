import type { Bucket } from "@google-cloud/storage";
import { buildInstancePath, buildViewableCopyPath, DeidentificationOptions, type StoredInstance } from "@pacs/shared";
import { readInstanceMetadata } from "../ingest/read-instance";
import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA } from "../ingest/testing/build-dicom";
import { copyInstance, type CopyTarget } from "./copy-instance";

/** A bucket in memory: what copyInstance reads and writes. */
function memoryBucket(objects: Map<string, Uint8Array>): Bucket {
  return {
    file: (path: string) => ({
      download: async () => {
        const bytes = objects.get(path);
        if (!bytes) throw new Error(`no object ${path}`);
        return [Buffer.from(bytes)];
      },
      save: async (bytes: Buffer) => void objects.set(path, new Uint8Array(bytes)),
    }),
  } as unknown as Bucket;
}

const UIDS = { StudyInstanceUID: "1.2.826.0.1.3680043.10.777.1", SeriesInstanceUID: "1.2.826.0.1.3680043.10.777.2", SOPInstanceUID: "1.2.826.0.1.3680043.10.777.3" };
const patient = [
  { tag: "0020000D", vr: "UI", value: UIDS.StudyInstanceUID },
  { tag: "0020000E", vr: "UI", value: UIDS.SeriesInstanceUID },
  { tag: "00080018", vr: "UI", value: UIDS.SOPInstanceUID },
  { tag: "00100010", vr: "PN", value: "Zebulon^Quixote" },
  { tag: "00100020", vr: "LO", value: "ZQ-PID-4242" },
  { tag: "00080050", vr: "SH", value: "ACCZQ9917" },
];

function setUp(elements = buildCtElements(patient)) {
  const original = buildDicomFile(elements, { pixelData: TINY_PIXEL_DATA });
  const objects = new Map([[buildInstancePath("alice", UIDS.StudyInstanceUID, UIDS.SeriesInstanceUID, UIDS.SOPInstanceUID), original]]);
  const stored: StoredInstance = { metadata: readInstanceMetadata(original, "x.dcm").instance, byteLength: original.length };
  const target: CopyTarget = {
    bucket: memoryBucket(objects),
    ownerUid: "alice",
    linkId: "link-1",
    plan: { key: new Uint8Array(32).fill(9), pseudonym: "Case 12", options: DeidentificationOptions.parse({}) },
    includeBurnedInText: false,
  };
  return { objects, stored, target, original };
}

it("writes the copy under deidentified/, named by its new UIDs, and reads back its metadata with the pseudonym", async () => {
  const { objects, stored, target } = setUp();
  const outcome = await copyInstance(target, stored, "Axial 5mm");
  if (outcome.outcome !== "copied") throw new Error(outcome.reason);
  const { metadata } = outcome.stored;
  expect(metadata.StudyInstanceUID).toMatch(/^2\.25\./);
  expect(metadata.SOPInstanceUID).not.toBe(UIDS.SOPInstanceUID);
  expect(outcome.study.PatientName).toBe("Case 12");
  expect(outcome.study.AccessionNumber).toBeUndefined();
  const path = `deidentified/alice/link-1/${metadata.StudyInstanceUID}/${metadata.SeriesInstanceUID}/${metadata.SOPInstanceUID}.dcm`;
  const copy = Buffer.from(objects.get(path)!);
  expect(outcome.bytes).toBe(copy.length);
  for (const value of ["Zebulon", "ZQ-PID-4242", "ACCZQ9917", ...Object.values(UIDS)]) expect(copy.includes(value)).toBe(false);
});

it("copies a viewer-ready copy with the same new UIDs, and keeps its record", async () => {
  const { objects, stored, target, original } = setUp();
  objects.set(buildViewableCopyPath("alice", UIDS.StudyInstanceUID, UIDS.SeriesInstanceUID, UIDS.SOPInstanceUID), original);
  const viewableCopy = { reason: "test", TransferSyntaxUID: "1.2.840.10008.1.2.1" };
  const outcome = await copyInstance(target, { ...stored, viewableCopy }, undefined);
  if (outcome.outcome !== "copied") throw new Error(outcome.reason);
  expect(outcome.stored.viewableCopy).toEqual(viewableCopy);
  const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID } = outcome.stored.metadata;
  expect(objects.has(`deidentified/alice/link-1/${StudyInstanceUID}/${SeriesInstanceUID}/${SOPInstanceUID}.viewable.dcm`)).toBe(true);
});

it("leaves out an ultrasound image unless the owner acknowledged burned-in text", async () => {
  const us = buildCtElements([...patient, { tag: "00080016", vr: "UI", value: "1.2.840.10008.5.1.4.1.1.6.1" }, { tag: "00080060", vr: "CS", value: "US" }]);
  const { stored, target, objects } = setUp(us);
  const outcome = await copyInstance(target, stored, undefined);
  expect(outcome).toEqual({ outcome: "left-out", reason: expect.stringMatching(/ultrasound/i) });
  expect([...objects.keys()].some((key) => key.startsWith("deidentified/"))).toBe(false);
  expect((await copyInstance({ ...target, includeBurnedInText: true }, stored, undefined)).outcome).toBe("copied");
});
