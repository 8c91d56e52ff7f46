import type { SeriesSummary } from "@pacs/shared";
import { findNonImageSeries, hasViewableSeries } from "./series-kinds";

const series = (uid: string, Modality: string, SOPClasses?: SeriesSummary["SOPClasses"]): SeriesSummary => ({
  StudyInstanceUID: "1.2",
  SeriesInstanceUID: uid,
  Modality,
  NumberOfSeriesRelatedInstances: SOPClasses?.reduce((n, e) => n + e.count, 0) ?? 1,
  ...(SOPClasses ? { SOPClasses } : {}),
});
const CT = series("1", "CT", [{ SOPClassUID: "1.2.840.10008.5.1.4.1.1.2", kind: "image", count: 40 }]);
const SR = series("2", "SR", [{ SOPClassUID: "1.2.840.10008.5.1.4.1.1.88.33", kind: "sr", count: 1 }]);
const RT = series("3", "RTSTRUCT", [{ SOPClassUID: "1.2.840.10008.5.1.4.1.1.481.3", kind: "rtstruct", count: 1 }]);
const ECG = series("4", "ECG", [{ SOPClassUID: "1.2.840.10008.5.1.4.1.1.9.1.1", kind: "waveform", count: 2 }]);

it("lists non-image series in words, with their object counts and whether the viewer shows them", () => {
  expect(findNonImageSeries({ series: [CT, SR, ECG] })).toEqual([
    expect.objectContaining({ kind: "sr", label: "Structured report (Comprehensive SR)", objects: 1, opensInViewer: true }),
    expect.objectContaining({ kind: "waveform", label: "Waveform: 12-lead ECG", objects: 2, opensInViewer: false }),
  ]);
});

it("offers the viewer only when something in the study can be shown", () => {
  expect(hasViewableSeries({ series: [RT, ECG] })).toBe(false);
  expect(findNonImageSeries({ series: [RT] })[0]).toMatchObject({ opensInViewer: false, explanation: expect.stringMatching(/images they were drawn on/) });
  expect(hasViewableSeries({ series: [RT, CT] })).toBe(true);
  expect(findNonImageSeries({ series: [RT, CT] })[0]).toMatchObject({ opensInViewer: true });
  expect(hasViewableSeries({ series: [SR] })).toBe(true);
});

it("falls back to the modality for series ingested before SOP classes were kept", () => {
  expect(findNonImageSeries({ series: [series("5", "DOC"), series("6", "MR")] })).toEqual([expect.objectContaining({ kind: "pdf", label: "PDF document" })]);
});

it("lists image series with images the viewer cannot draw, with the reason, and opens the viewer only for the rest", () => {
  const reason = "the image holds no pixel data (only its header)";
  const allUndrawable = { ...CT, undrawableImages: { count: 40, reason } };
  expect(findNonImageSeries({ series: [allUndrawable] })).toEqual([
    expect.objectContaining({ kind: "undrawable", objects: 40, opensInViewer: false, explanation: expect.stringContaining(`these 40 images: ${reason}`) }),
  ]);
  expect(hasViewableSeries({ series: [allUndrawable] })).toBe(false);
  expect(hasViewableSeries({ series: [allUndrawable, SR] })).toBe(true);
  const someUndrawable = { ...CT, undrawableImages: { count: 2, reason } };
  expect(findNonImageSeries({ series: [someUndrawable] })).toEqual([expect.objectContaining({ kind: "undrawable", objects: 2, opensInViewer: true, explanation: expect.stringContaining("2 of the 40 images") })]);
  expect(hasViewableSeries({ series: [someUndrawable] })).toBe(true);
});
