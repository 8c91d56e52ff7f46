import { SeriesSummary, StudySummary, type InstanceMetadata } from "@pacs/shared";
import type { DocumentSnapshot, Firestore, Query } from "firebase-admin/firestore";
import { z } from "zod";
import { userRefs } from "../../ingest/refs";
import { readStudyInstances } from "../../studies/read-study-instances";
import type { CandidatePlan } from "./study-candidates";

/**
 * Firestore reads for QIDO-RS and WADO-RS metadata: studies by a candidate
 * plan, one study by UID, a study's stored instances. Nothing here reads a
 * file: every answer comes from what ingest indexed.
 */

/** What a study record holds for DICOMweb: the summary and its series, without the thumbnail or search fields. */
export const StudyForDicomweb = StudySummary.omit({ totalBytes: true }).extend({ series: z.array(SeriesSummary) });
export type StudyForDicomweb = z.infer<typeof StudyForDicomweb>;

/** Only these fields travel: a study's inline thumbnail alone can outweigh the rest tenfold. */
const FIELDS = Object.keys(StudyForDicomweb.shape);

/** Candidates read per Firestore page once the first page fell short (most candidates of a narrow query match). */
const LATER_PAGE_SIZE = 300;
/** Candidates a search reads at most; past it the answer is cut and a Warning says so. */
export const MAX_SCANNED_STUDIES = 5000;

export interface FoundStudies {
  studies: StudyForDicomweb[];
  /** False when the scan stopped at {@link MAX_SCANNED_STUDIES} before the candidates ran out. */
  complete: boolean;
}

function parseStudy(snapshot: DocumentSnapshot): StudyForDicomweb {
  return StudyForDicomweb.parse(snapshot.data());
}

/**
 * Studies of one owner the plan selects, in its order, kept when `accept`
 * says so (it may read more, as the instance search does), until `wanted`
 * are kept or the candidates run out. A plan of
 * document gets reads exactly those documents.
 */
export async function findStudies(
  db: Firestore,
  uid: string,
  plan: CandidatePlan,
  accept: (study: StudyForDicomweb) => boolean | Promise<boolean>,
  wanted: number,
): Promise<FoundStudies> {
  const refs = userRefs(db, uid);
  if (plan.kind === "get") {
    if (plan.studyUIDs.length === 0) return { studies: [], complete: true };
    const snapshots = await db.getAll(...plan.studyUIDs.map((studyUID) => refs.study(studyUID)), { fieldMask: FIELDS });
    const studies: StudyForDicomweb[] = [];
    for (const study of snapshots.filter((s) => s.exists).map(parseStudy)) {
      if (studies.length < wanted && (await accept(study))) studies.push(study);
    }
    return { studies, complete: true };
  }
  let query: Query = refs.user.collection("studies");
  for (const w of plan.where) query = query.where(w.field, w.op, w.value);
  for (const o of plan.orderBy) query = query.orderBy(o.field, o.direction);
  query = query.select(...FIELDS);
  const studies: StudyForDicomweb[] = [];
  let scanned = 0;
  let last: DocumentSnapshot | undefined;
  while (studies.length < wanted) {
    if (scanned >= MAX_SCANNED_STUDIES) return { studies, complete: false };
    const pageSize = Math.min(last ? LATER_PAGE_SIZE : Math.max(wanted, 20), MAX_SCANNED_STUDIES - scanned);
    const page = await (last ? query.startAfter(last) : query).limit(pageSize).get();
    scanned += page.size;
    for (const doc of page.docs) {
      if (studies.length >= wanted) break;
      const study = parseStudy(doc);
      if (await accept(study)) studies.push(study);
    }
    if (page.size < pageSize) break;
    last = page.docs[page.size - 1];
  }
  return { studies, complete: true };
}

/** One study of the owner, or null: another user's study is simply not in this owner's tree. */
export async function readStudy(db: Firestore, uid: string, studyUID: string): Promise<StudyForDicomweb | null> {
  const snapshot = await userRefs(db, uid).study(studyUID).get();
  return snapshot.exists ? parseStudy(snapshot) : null;
}

/** Every stored instance of a study (one query over its instance chunks), ordered by series then instance number. */
export async function readStudyMetadata(db: Firestore, uid: string, studyUID: string): Promise<InstanceMetadata[]> {
  // Keyed by SOP Instance UID: an instance is listed once even if two chunks were to carry it.
  const bySOP = new Map((await readStudyInstances(db, uid, studyUID)).map((stored) => [stored.metadata.SOPInstanceUID, stored.metadata] as const));
  return [...bySOP.values()].sort(
    (a, b) => a.SeriesInstanceUID.localeCompare(b.SeriesInstanceUID) || (a.InstanceNumber ?? 0) - (b.InstanceNumber ?? 0) || a.SOPInstanceUID.localeCompare(b.SOPInstanceUID),
  );
}
