import { StudyAttributes, buildStudySearchFields, classifySopClass, type SeriesAttributes, type SeriesSopClass, type SeriesSummary, type StoredInstance, type StudyRecord } from "@pacs/shared";

/**
 * What one uploaded file adds to one study: pure bookkeeping, so that the
 * Firestore transaction that applies it stays a few lines and this is tested
 * without emulators.
 */
export interface StudyContribution {
  study: StudyAttributes;
  series: Map<string, SeriesContribution>;
  /** In the order the files came, so that a redelivered ingest builds the same chunks. */
  instances: Array<{ order: number; stored: StoredInstance }>;
  bytes: number;
}

interface SeriesContribution {
  attributes: SeriesAttributes;
  instances: number;
  sopClasses: SeriesSopClass[];
  undrawableImages?: SeriesSummary["undrawableImages"];
}

export function newContribution(study: StudyAttributes): StudyContribution {
  return { study, series: new Map(), instances: [], bytes: 0 };
}

export function addInstance(
  contribution: StudyContribution,
  order: number,
  series: SeriesAttributes,
  stored: StoredInstance,
): void {
  const entry: SeriesContribution = contribution.series.get(series.SeriesInstanceUID) ?? { attributes: series, instances: 0, sopClasses: [] };
  entry.instances += 1;
  if (stored.undrawable) entry.undrawableImages = mergeUndrawable(entry.undrawableImages, { count: 1, reason: stored.undrawable });
  const { SOPClassUID, Rows, Columns } = stored.metadata;
  entry.sopClasses = mergeSopClasses(entry.sopClasses, [{ SOPClassUID, kind: classifySopClass(SOPClassUID, { Rows, Columns }).kind, count: 1 }]);
  contribution.series.set(series.SeriesInstanceUID, entry);
  contribution.instances.push({ order, stored });
  contribution.bytes += stored.byteLength;
}

/**
 * Adds SOP class counts. An unknown class is an image as soon as one of its
 * instances has pixels, so the series is never hidden from the viewer by a
 * stray header-only instance.
 */
export function mergeSopClasses(known: SeriesSopClass[], incoming: SeriesSopClass[]): SeriesSopClass[] {
  const merged = new Map(known.map((entry) => [entry.SOPClassUID, { ...entry }]));
  for (const entry of incoming) {
    const current = merged.get(entry.SOPClassUID);
    if (!current) merged.set(entry.SOPClassUID, { ...entry });
    else merged.set(entry.SOPClassUID, { ...current, count: current.count + entry.count, kind: current.kind === "image" ? "image" : entry.kind });
  }
  return [...merged.values()].slice(0, 64);
}

/** Counts add up; the first reason met stays. */
function mergeUndrawable(known: SeriesSummary["undrawableImages"], incoming: SeriesSummary["undrawableImages"]): SeriesSummary["undrawableImages"] {
  if (!known || !incoming) return known ?? incoming;
  return { count: known.count + incoming.count, reason: known.reason };
}

/** Stored instances in upload order, cut into chunk-sized groups. */
export function chunkInstances(contribution: StudyContribution, size: number): StoredInstance[][] {
  const ordered = [...contribution.instances].sort((a, b) => a.order - b.order).map(({ stored }) => stored);
  const chunks: StoredInstance[][] = [];
  for (let i = 0; i < ordered.length; i += size) chunks.push(ordered.slice(i, i + size));
  return chunks;
}

/** Keeps what is known; fills in what was empty. The first upload of a study decides its attributes. */
function fillMissing<T extends object>(known: T, incoming: T): T {
  const merged: Record<string, unknown> = { ...(known as Record<string, unknown>) };
  for (const [key, value] of Object.entries(incoming)) {
    if (merged[key] === undefined || merged[key] === "") merged[key] = value;
  }
  return merged as T;
}

function bySeriesNumber(a: SeriesSummary, b: SeriesSummary): number {
  return (a.SeriesNumber ?? Number.MAX_SAFE_INTEGER) - (b.SeriesNumber ?? Number.MAX_SAFE_INTEGER) || a.SeriesInstanceUID.localeCompare(b.SeriesInstanceUID);
}

/** The study document after a contribution: counts added, series merged, modalities and search fields recomputed. */
export function applyContribution(existing: StudyRecord | undefined, contribution: StudyContribution, now: Date): StudyRecord {
  const series = new Map<string, SeriesSummary>((existing?.series ?? []).map((s) => [s.SeriesInstanceUID, s]));
  for (const [uid, { attributes, instances, sopClasses, undrawableImages: incomingUndrawable }] of contribution.series) {
    const known = series.get(uid);
    const undrawableImages = mergeUndrawable(known?.undrawableImages, incomingUndrawable);
    series.set(
      uid,
      known
        ? {
            ...fillMissing(known, { ...attributes, NumberOfSeriesRelatedInstances: known.NumberOfSeriesRelatedInstances }),
            NumberOfSeriesRelatedInstances: known.NumberOfSeriesRelatedInstances + instances,
            // A series counted before SOP classes were kept stays unclassified: its old instances are unknown.
            ...(known.SOPClasses ? { SOPClasses: mergeSopClasses(known.SOPClasses, sopClasses) } : {}),
            ...(undrawableImages ? { undrawableImages } : {}),
          }
        : { ...attributes, NumberOfSeriesRelatedInstances: instances, SOPClasses: sopClasses, ...(undrawableImages ? { undrawableImages } : {}) },
    );
  }
  const allSeries = [...series.values()].sort(bySeriesNumber);
  const study = existing ? fillMissing(StudyAttributes.parse(existing), contribution.study) : contribution.study;
  const ModalitiesInStudy = [...new Set(allSeries.map((s) => s.Modality))].sort();
  return {
    ...study,
    ModalitiesInStudy,
    NumberOfStudyRelatedSeries: allSeries.length,
    NumberOfStudyRelatedInstances: (existing?.NumberOfStudyRelatedInstances ?? 0) + contribution.instances.length,
    totalBytes: (existing?.totalBytes ?? 0) + contribution.bytes,
    series: allSeries,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    // Kept until the main series changes (then study-thumbnail.ts renders a new one).
    ...(existing?.thumbnail ? { thumbnail: existing.thumbnail } : {}),
    // Recomputed every time, so a record from before search gains them at its next ingest.
    ...buildStudySearchFields({ ...study, ModalitiesInStudy }),
  };
}

