import type { Firestore } from "firebase-admin/firestore";
import { buildDicomJson, type DicomJsonDataset, type NaturalDataset } from "../dicom-json/build-dicom-json";
import { buildInstanceDataset, buildSeriesDataset, buildStudyDataset } from "../dicom-json/level-attributes";
import { DicomwebError, NO_SUCH_STUDY } from "../dicomweb-error";
import { buildDatasetMatcher } from "./dicom-match";
import { findStudies, readStudy, readStudyMetadata, MAX_SCANNED_STUDIES, type StudyForDicomweb } from "./find-studies";
import { MATCHABLE_KEYWORDS, type QidoQuery } from "./qido-query";
import { pickReturnKeywords, type SearchScope } from "./return-attributes";
import { planStudyCandidates } from "./study-candidates";

/**
 * The three QIDO-RS searches (PS3.18 §10.6): studies, series and instances,
 * across the caller's archive or inside one study or series. Each builds the
 * natural data sets of the level, matches them in memory, pages with offset
 * and limit, and answers DICOM JSON.
 */

export interface SearchContext {
  db: Firestore;
  uid: string;
  origin: string;
}

export interface SearchAnswer {
  results: DicomJsonDataset[];
  warnings: string[];
}

/** Where a series or instance search is confined by its path. */
export interface SearchPath {
  StudyInstanceUID?: string;
  SeriesInstanceUID?: string;
}

const CUT_WARNING = `The search stopped after reading ${MAX_SCANNED_STUDIES} studies; narrow it (PatientName, PatientID, StudyDate, ModalitiesInStudy) to see every match.`;

function answer(query: QidoQuery, scope: SearchScope, matched: NaturalDataset[], warnings: string[]): SearchAnswer {
  const page = matched.slice(query.offset, query.offset + query.limit);
  return { results: page.map((natural) => buildDicomJson(natural, pickReturnKeywords(query, scope, natural))), warnings: [...query.warnings, ...warnings] };
}

/** The studies of the path, or candidates by the plan; a study named in the path that is not the caller's is a 404. */
async function studiesFor(ctx: SearchContext, query: QidoQuery, path: SearchPath, accept: (study: StudyForDicomweb) => boolean | Promise<boolean>, wanted: number) {
  if (path.StudyInstanceUID) {
    const study = await readStudy(ctx.db, ctx.uid, path.StudyInstanceUID);
    if (!study) throw new DicomwebError(404, NO_SUCH_STUDY);
    return { studies: (await accept(study)) ? [study] : [], complete: true };
  }
  return findStudies(ctx.db, ctx.uid, planStudyCandidates(query.keys), accept, wanted);
}

/** Search for studies (`GET /studies`). */
export async function searchForStudies(ctx: SearchContext, query: QidoQuery): Promise<SearchAnswer> {
  const matches = buildDatasetMatcher(query.keys, query.fuzzy);
  const found = await studiesFor(ctx, query, {}, (study) => matches(buildStudyDataset(study, ctx.origin)), query.offset + query.limit);
  return answer(query, "all-studies", found.studies.map((study) => buildStudyDataset(study, ctx.origin)), found.complete ? [] : [CUT_WARNING]);
}

/** Keys only an instance has: studies and series are pre-matched without them. */
const INSTANCE_ONLY = new Set([...MATCHABLE_KEYWORDS.instance].filter((keyword) => !MATCHABLE_KEYWORDS.series.has(keyword)));

function seriesDatasetsOf(study: StudyForDicomweb, origin: string): NaturalDataset[] {
  const studyDataset = buildStudyDataset(study, origin);
  return [...study.series]
    .sort((a, b) => (a.SeriesNumber ?? 0) - (b.SeriesNumber ?? 0))
    .map((series) => ({ ...studyDataset, ...buildSeriesDataset(series, origin) }));
}

/** Search for series (`GET /series`, `GET /studies/{s}/series`): series are stored inline with their study. */
export async function searchForSeries(ctx: SearchContext, query: QidoQuery, path: SearchPath): Promise<SearchAnswer> {
  const matches = buildDatasetMatcher(query.keys, query.fuzzy);
  const wanted = query.offset + query.limit;
  const matched: NaturalDataset[] = [];
  const found = await studiesFor(ctx, query, path, (study) => {
    // Only a study that gave a series counts towards `wanted`, so the scan goes on until enough series are found.
    const series = seriesDatasetsOf(study, ctx.origin).filter(matches);
    matched.push(...series);
    return series.length > 0;
  }, wanted);
  return answer(query, path.StudyInstanceUID ? "in-study" : "all-studies", matched, found.complete ? [] : [CUT_WARNING]);
}

/**
 * Search for instances (`GET /instances`, `GET /studies/{s}/instances`,
 * `GET /studies/{s}/series/{x}/instances`). Studies and series are matched
 * first on their own attributes, so only the chunks of a study that can still
 * match are read.
 */
export async function searchForInstances(ctx: SearchContext, query: QidoQuery, path: SearchPath): Promise<SearchAnswer> {
  const matches = buildDatasetMatcher(query.keys, query.fuzzy);
  const seriesMatches = buildDatasetMatcher(query.keys.filter((key) => !INSTANCE_ONLY.has(key.keyword)), query.fuzzy);
  const matched: NaturalDataset[] = [];
  let pathSeriesExists = false;
  // A study counts towards `wanted` only when it gave an instance, so the scan goes on until enough instances are found.
  const found = await studiesFor(ctx, query, path, async (study) => {
    pathSeriesExists ||= study.series.some((s) => s.SeriesInstanceUID === path.SeriesInstanceUID);
    const series = new Map(
      seriesDatasetsOf(study, ctx.origin)
        .filter((dataset) => (!path.SeriesInstanceUID || dataset.SeriesInstanceUID === path.SeriesInstanceUID) && seriesMatches(dataset))
        .map((dataset) => [String(dataset.SeriesInstanceUID), dataset]),
    );
    if (series.size === 0) return false;
    const before = matched.length;
    for (const instance of await readStudyMetadata(ctx.db, ctx.uid, study.StudyInstanceUID)) {
      const seriesDataset = series.get(instance.SeriesInstanceUID);
      const dataset = seriesDataset && { ...seriesDataset, ...buildInstanceDataset(instance, ctx.origin) };
      if (dataset && matches(dataset)) matched.push(dataset);
    }
    return matched.length > before;
  }, query.offset + query.limit);
  if (path.SeriesInstanceUID && !pathSeriesExists) throw new DicomwebError(404, "There is no such series in this study.");
  return answer(query, path.SeriesInstanceUID ? "in-series" : path.StudyInstanceUID ? "in-study" : "all-studies", matched, found.complete ? [] : [CUT_WARNING]);
}
