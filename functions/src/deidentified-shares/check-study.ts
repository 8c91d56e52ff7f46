import { buildInstancePath, DicomUID, StudyRecord, type BurnedInTextSeries, type DeidentificationCheck, type StoredInstance } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import { ApiError, NO_STORE, requireVerifiedCaller, type ApiRequest, type RouteResult, type VerifyIdToken } from "../http/api-request";
import { parseSnapshot } from "../ingest/firestore-data";
import { userRefs } from "../ingest/refs";
import { Semaphore } from "../ingest/semaphore";
import { readStudyInstances } from "../studies/read-study-instances";
import { countLeftOut, findInstanceBurnedInText, groupLeftOut, type LeftOutInstance } from "./burned-in-text";
import { readInstanceHeader } from "./read-instance-header";

export interface CheckDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  instancesBucket: () => Bucket;
}

/** Header reads in flight at once: small ranged reads, so more than the copies use. */
const HEADER_READS_AT_ONCE = 16;

const NOT_FOUND = "There is no such study in your archive.";

/** One owner's study, checked for burned-in text: what the dialogs show, and which instances would be left out. */
export interface StudyCheck {
  record: StudyRecord;
  instances: StoredInstance[];
  check: DeidentificationCheck;
  /** SOP Instance UIDs whose images may carry burned-in text. */
  burnedIn: Map<string, string>;
}

export async function readStudyRecord(db: Firestore, uid: string, studyUID: string): Promise<StudyRecord> {
  if (!DicomUID.safeParse(studyUID).success) throw new ApiError(404, NOT_FOUND);
  const snapshot = await userRefs(db, uid).study(studyUID).get();
  if (!snapshot.exists) throw new ApiError(404, NOT_FOUND);
  return parseSnapshot(StudyRecord, snapshot);
}

/**
 * Reads the header of every stored original of the study (a ranged read of
 * its first bytes) and finds those whose images may carry burned-in text
 * (findBurnedInTextReason), grouped by series.
 */
export async function checkStudy(deps: Pick<CheckDeps, "db" | "instancesBucket">, uid: string, studyUID: string): Promise<StudyCheck> {
  const record = await readStudyRecord(deps.db, uid, studyUID);
  const instances = await readStudyInstances(deps.db, uid, studyUID);
  const descriptions = new Map(record.series.map((s) => [s.SeriesInstanceUID, s.SeriesDescription]));
  const bucket = deps.instancesBucket();
  const reads = new Semaphore(HEADER_READS_AT_ONCE);
  const burnedIn = new Map<string, string>();
  // By position, so that a series' first reason does not depend on which read finished first.
  const leftOut: Array<LeftOutInstance | undefined> = [];
  await Promise.all(
    instances.map((instance, i) =>
      reads.run(async () => {
        const { StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID, Modality } = instance.metadata;
        const header = await readInstanceHeader(bucket, buildInstancePath(uid, StudyInstanceUID, SeriesInstanceUID, SOPInstanceUID), instance.byteLength);
        const reason = findInstanceBurnedInText(header, instance, descriptions.get(SeriesInstanceUID));
        if (reason === null) return;
        burnedIn.set(SOPInstanceUID, reason);
        leftOut[i] = { SeriesInstanceUID, Modality, reason };
      }),
    ),
  );
  const burnedInText: BurnedInTextSeries[] = groupLeftOut(record.series, leftOut.filter((entry) => entry !== undefined));
  return { record, instances, check: { instances: instances.length, burnedInText }, burnedIn };
}

/**
 * `POST /api/studies/{StudyInstanceUID}/deidentification-check`: what the
 * share dialog and "Download de-identified" show before the owner decides:
 * how many instances, and the series whose images may carry burned-in text.
 */
export async function checkDeidentification(deps: CheckDeps, request: ApiRequest, studyUID: string): Promise<RouteResult> {
  const caller = await requireVerifiedCaller(request, deps.verifyIdToken);
  const { check } = await checkStudy(deps, caller.uid, studyUID);
  return { status: 200, body: check, headers: NO_STORE };
}

/**
 * How many instances a de-identified copy would hold; a 400 in words when
 * none (every image may carry burned-in text and that was not acknowledged).
 */
export function refuseWhenNothingLeft(check: DeidentificationCheck, includeBurnedInText: boolean): number {
  if (check.instances === 0) throw new ApiError(400, "This study has no stored instances to de-identify.");
  const kept = includeBurnedInText ? check.instances : check.instances - countLeftOut(check.burnedInText);
  if (kept > 0) return kept;
  const reason = check.burnedInText[0]?.reason ?? "burned-in text";
  throw new ApiError(
    400,
    `Every image of this study may carry burned-in text (${reason}), which de-identification does not remove, so the copy would be empty. ` +
      "Include them only after checking that the images show nothing identifying, with the acknowledgement.",
  );
}
