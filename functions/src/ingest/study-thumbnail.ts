import { buildInstancePath, InstanceChunk, StudyRecord, THUMBNAIL_SIZE, type SeriesSummary, type StudyThumbnail } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import { renderThumbnail } from "../thumbnails/render-thumbnail";
import { byDisplayOrder } from "../viewer/manifest";
import { parseSnapshot } from "./firestore-data";
import type { UserRefs } from "./refs";

/** The series that shows the study best: the one with the most images, the lowest number on a tie. */
export function pickMainSeries(series: SeriesSummary[]): SeriesSummary | undefined {
  return [...series].sort(
    (a, b) =>
      b.NumberOfSeriesRelatedInstances - a.NumberOfSeriesRelatedInstances ||
      (a.SeriesNumber ?? Number.MAX_SAFE_INTEGER) - (b.SeriesNumber ?? Number.MAX_SAFE_INTEGER),
  )[0];
}

/**
 * Whether the thumbnail should be rendered (again): there is none, the main
 * series changed, or the series has at least doubled since (a folder arrives
 * file by file, and the first file is no middle slice). Doubling keeps the
 * renders to a handful however many files come.
 */
export function needsThumbnail(current: StudyThumbnail | undefined, main: SeriesSummary): boolean {
  if (!current || current.SeriesInstanceUID !== main.SeriesInstanceUID) return true;
  return main.NumberOfSeriesRelatedInstances >= 2 * (current.seriesInstancesAtRender ?? 0);
}

/**
 * Renders the study's thumbnail from the middle slice of its main series.
 * @returns whether a thumbnail was written.
 */
export async function refreshStudyThumbnail(refs: UserRefs, bucket: Bucket, uid: string, studyUID: string): Promise<boolean> {
  const studyRef = refs.study(studyUID);
  const study = parseSnapshot(StudyRecord, await studyRef.get());
  const main = pickMainSeries(study.series);
  if (!main || !needsThumbnail(study.thumbnail, main)) return false;
  const chunks = await studyRef.collection("instanceChunks").get();
  const slices = chunks.docs
    .flatMap((doc) => InstanceChunk.parse(doc.data()).instances)
    .filter((instance) => instance.metadata.SeriesInstanceUID === main.SeriesInstanceUID)
    .sort(byDisplayOrder);
  const middle = slices[Math.floor(slices.length / 2)];
  if (!middle) return false;
  const { SeriesInstanceUID, SOPInstanceUID } = middle.metadata;
  const [bytes] = await bucket.file(buildInstancePath(uid, studyUID, SeriesInstanceUID, SOPInstanceUID)).download({ validation: false });
  const rendered = await renderThumbnail(bytes, { size: THUMBNAIL_SIZE });
  const thumbnail: StudyThumbnail = {
    dataUrl: `data:image/png;base64,${Buffer.from(rendered.png).toString("base64")}`,
    SeriesInstanceUID,
    SOPInstanceUID,
    decoded: rendered.decoded,
    seriesInstancesAtRender: slices.length,
  };
  await studyRef.update({ thumbnail });
  return true;
}
