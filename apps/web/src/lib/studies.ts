"use client";
/** `users/{uid}/studies` in the browser: written by ingest, read through the shared schema. */
import { StudyRecord } from "@pacs/shared";
import {
  collection,
  doc,
  getDoc,
  limit,
  onSnapshot,
  orderBy,
  query,
  startAt,
  where,
  type Firestore,
  type QueryDocumentSnapshot,
  type Unsubscribe,
} from "firebase/firestore";
import { useCallback, useEffect, useRef, useState } from "react";
import { getFirebase } from "./firebase";
import { schemaConverter } from "./firestore-schema";
import { buildStudyPageQuery, buildStudyQueryPlan, isFullPage, matchesOtherTokens, NO_FILTERS, type StudyQueryPlan } from "./study-query";
import { describeReadError, useLive, type Live } from "./use-live";

export const studyRecordConverter = schemaConverter(StudyRecord);

function studiesCollection(db: Firestore, uid: string) {
  return collection(db, "users", uid, "studies").withConverter(studyRecordConverter);
}

/** A plan from study-query.ts as client SDK constraints, without the page limit. */
export function studiesQuery(db: Firestore, uid: string, plan: StudyQueryPlan = buildStudyQueryPlan(NO_FILTERS)) {
  return query(
    studiesCollection(db, uid),
    ...plan.where.map((w) => where(w.field, w.op, w.value)),
    ...plan.orderBy.map((o) => orderBy(o.field, o.direction)),
  );
}

export function studyRef(db: Firestore, uid: string, studyInstanceUID: string) {
  return doc(db, "users", uid, "studies", studyInstanceUID).withConverter(studyRecordConverter);
}

/** One row of the study list: the record, or why it could not be read (one bad record does not hide the rest). */
export type StudyRow = { id: string; study: StudyRecord; error?: undefined } | { id: string; study?: undefined; error: string };

function readRow(document: QueryDocumentSnapshot<StudyRecord>): StudyRow {
  try {
    return { id: document.id, study: document.data() };
  } catch (error) {
    return { id: document.id, error: describeReadError(error, "this study") };
  }
}

type StudyDocs = QueryDocumentSnapshot<StudyRecord>[];

/** The study list: rows, and whether (and how) to load the next page. */
export interface StudyList {
  rows: StudyRow[];
  hasMore: boolean;
  loadingMore: boolean;
  loadMoreError?: string | undefined;
  loadMore: () => void;
}

type Page = { docs: StudyDocs; full: boolean };
type LaterPages = { key: string; pages: Array<Page | undefined>; error?: string };

/**
 * The owner's studies for a set of filters, one page (50) at a
 * time, so 10,000 studies cost one page of reads until the user asks for
 * more. Every page is live (a study being ingested appears and grows, a
 * deleted one goes); each later page is {@link buildStudyPageQuery}'s: the
 * same size, starting at the last row of the page before (one row of
 * overlap, shown once), so a row pushed off a page by a new study shows at
 * the top of the next one instead of vanishing.
 */
export function useStudyList(uid: string, plan: StudyQueryPlan): Live<StudyList> {
  const key = `studies/${uid}/${JSON.stringify(plan)}`;
  const first = useLive<Page>(key, "your studies", (db, next, fail) => {
    const page = buildStudyPageQuery(plan, 0);
    return onSnapshot(query(studiesQuery(db, uid, plan), limit(page.limit)), (snapshot) => next({ docs: snapshot.docs, full: isFullPage(page, snapshot.size) }), fail);
  });
  const [stored, setLater] = useState<LaterPages>({ key, pages: [] });
  const later: LaterPages = stored.key === key ? stored : { key, pages: [] };
  const listeners = useRef<{ key: string; unsubscribe: Unsubscribe[] }>({ key, unsubscribe: [] });
  useEffect(() => {
    listeners.current = { key, unsubscribe: [] };
    return () => {
      listeners.current.unsubscribe.forEach((unsubscribe) => unsubscribe());
      // A page whose subscription was still on its way when the list went is not subscribed.
      listeners.current = { key: "", unsubscribe: [] };
    };
  }, [key]);

  const loadMore = useCallback(() => {
    if (first.status !== "ready") return;
    const index = later.pages.length;
    const previous = index === 0 ? first.value : later.pages[index - 1];
    const cursor = previous?.docs.at(-1);
    if (!cursor) return;
    const update = (change: (current: LaterPages) => LaterPages) => setLater((current) => (current.key === key ? change(current) : current));
    setLater({ key, pages: [...later.pages, undefined] });
    getFirebase().then(({ db }) => {
      if (listeners.current.key !== key) return;
      const page = buildStudyPageQuery(plan, index + 1);
      listeners.current.unsubscribe.push(
        onSnapshot(
          query(studiesQuery(db, uid, plan), startAt(cursor), limit(page.limit)),
          (snapshot) => update((current) => ({ ...current, pages: current.pages.map((p, i) => (i === index ? { docs: snapshot.docs, full: isFullPage(page, snapshot.size) } : p)) })),
          (error) => update((current) => ({ ...current, error: describeReadError(error, "more studies") })),
        ),
      );
    }, (error: unknown) => update((current) => ({ ...current, error: describeReadError(error, "more studies") })));
  }, [first, later, key, uid, plan]);

  if (first.status !== "ready") return first;
  const seen = new Set<string>();
  const rows = [first.value, ...later.pages]
    .flatMap((page) => page?.docs ?? [])
    .filter((document) => !seen.has(document.id) && seen.add(document.id) && matchesOtherTokens(plan, document.get("searchTerms")))
    .map(readRow);
  const last = later.pages.at(-1);
  const loadingMore = later.pages.length > 0 && last === undefined && !later.error;
  const hasMore = (later.pages.length === 0 ? first.value : last)?.full ?? false;
  return { status: "ready", value: { rows, hasMore: hasMore || loadingMore, loadingMore, loadMoreError: later.error, loadMore } };
}

/** The studies an upload touched, read once (the batch is done, so they no longer change because of it). */
export function useStudiesByUid(uid: string, studyInstanceUIDs: readonly string[]): Live<StudyRow[]> {
  return useLive(`studies/${uid}/${studyInstanceUIDs.join(",")}`, "the uploaded studies", (db, next, fail) => {
    let active = true;
    Promise.all(
      studyInstanceUIDs.map(async (id): Promise<StudyRow> => {
        try {
          const snapshot = await getDoc(studyRef(db, uid, id));
          return snapshot.exists() ? { id, study: snapshot.data() } : { id, error: "This study is not in your list (it may have been deleted)." };
        } catch (error) {
          return { id, error: describeReadError(error, "this study") };
        }
      }),
    ).then((rows) => active && next(rows), fail);
    return () => {
      active = false;
    };
  });
}
