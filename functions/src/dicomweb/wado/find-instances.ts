import { DicomUID, StudyRecord, type StoredInstance } from "@pacs/shared";
import type { Firestore } from "firebase-admin/firestore";
import { parseSnapshot } from "../../ingest/firestore-data";
import { userRefs } from "../../ingest/refs";
import { readStudyInstances } from "../../studies/read-study-instances";
import { DicomwebError, NO_SUCH_STUDY } from "../dicomweb-error";

export const NO_SUCH_SERIES = "There is no such series in this study.";
export const NO_SUCH_INSTANCE = "There is no such instance in this series.";

/** What a WADO-RS URL names: a study, optionally one series, optionally one instance. */
export interface RetrieveTarget {
  StudyInstanceUID: string;
  SeriesInstanceUID?: string;
  SOPInstanceUID?: string;
}

/**
 * The caller's own study record. Looked up under the caller's uid only, so
 * another user's study and no study are the same 404 (never 403).
 * @throws DicomwebError 404 NO_SUCH_STUDY.
 */
export async function readStudyRecord(db: Firestore, uid: string, studyUID: string): Promise<StudyRecord> {
  if (!DicomUID.safeParse(studyUID).success) throw new DicomwebError(404, NO_SUCH_STUDY);
  const snapshot = await userRefs(db, uid).study(studyUID).get();
  if (!snapshot.exists) throw new DicomwebError(404, NO_SUCH_STUDY);
  return parseSnapshot(StudyRecord, snapshot);
}

/**
 * The stored instances a URL names, from the study's instance chunks in
 * Firestore (never by listing Storage): in series order, then by Instance
 * Number, so a client gets them as the study page shows them.
 * @throws DicomwebError 404 when the study, series or instance is not the caller's.
 */
export async function findStoredInstances(db: Firestore, uid: string, target: RetrieveTarget): Promise<StoredInstance[]> {
  const study = await readStudyRecord(db, uid, target.StudyInstanceUID);
  const all = await readStudyInstances(db, uid, study.StudyInstanceUID);
  const inSeries = target.SeriesInstanceUID ? all.filter((i) => i.metadata.SeriesInstanceUID === target.SeriesInstanceUID) : all;
  if (inSeries.length === 0 && target.SeriesInstanceUID) throw new DicomwebError(404, NO_SUCH_SERIES);
  const chosen = target.SOPInstanceUID ? inSeries.filter((i) => i.metadata.SOPInstanceUID === target.SOPInstanceUID) : inSeries;
  if (chosen.length === 0 && target.SOPInstanceUID) throw new DicomwebError(404, NO_SUCH_INSTANCE);
  const seriesOrder = new Map(study.series.map((s, index) => [s.SeriesInstanceUID, index]));
  return chosen.sort(
    (a, b) =>
      (seriesOrder.get(a.metadata.SeriesInstanceUID) ?? Infinity) - (seriesOrder.get(b.metadata.SeriesInstanceUID) ?? Infinity) ||
      (a.metadata.InstanceNumber ?? Infinity) - (b.metadata.InstanceNumber ?? Infinity) ||
      a.metadata.SOPInstanceUID.localeCompare(b.metadata.SOPInstanceUID),
  );
}

/** One stored instance, or 404. */
export async function findStoredInstance(db: Firestore, uid: string, target: Required<RetrieveTarget>): Promise<StoredInstance> {
  const [instance] = await findStoredInstances(db, uid, target);
  return instance!;
}
