import type { SeriesSummary, StudyThumbnail } from "@pacs/shared";
import { needsThumbnail, pickMainSeries } from "./study-thumbnail";

const series = (uid: string, count: number, number?: number): SeriesSummary => ({
  StudyInstanceUID: "1.2",
  SeriesInstanceUID: uid,
  Modality: "CT",
  SeriesNumber: number,
  NumberOfSeriesRelatedInstances: count,
});
const thumbnail = (seriesUID: string, atRender?: number): StudyThumbnail => ({
  dataUrl: "data:image/png;base64,AA==",
  SeriesInstanceUID: seriesUID,
  SOPInstanceUID: "9.9",
  decoded: true,
  ...(atRender === undefined ? {} : { seriesInstancesAtRender: atRender }),
});

it("picks the series with the most images, the lowest number on a tie", () => {
  expect(pickMainSeries([series("1.1", 3, 2), series("1.2", 10, 5), series("1.3", 10, 4)])?.SeriesInstanceUID).toBe("1.3");
  expect(pickMainSeries([])).toBeUndefined();
});

it("renders again when there is none, the main series changed, or it has doubled", () => {
  expect(needsThumbnail(undefined, series("1.1", 1))).toBe(true);
  expect(needsThumbnail(thumbnail("1.2", 5), series("1.1", 6))).toBe(true);
  expect(needsThumbnail(thumbnail("1.1", 1), series("1.1", 2))).toBe(true);
  expect(needsThumbnail(thumbnail("1.1", 100), series("1.1", 199))).toBe(false);
  expect(needsThumbnail(thumbnail("1.1", 100), series("1.1", 200))).toBe(true);
});
