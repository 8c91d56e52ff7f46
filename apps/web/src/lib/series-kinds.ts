/** What each series of a study is, for the study page: images for the viewer, or objects listed with a download. */
import { classifyModality, classifySopClass, NON_IMAGE_EXPLANATIONS, type SeriesSummary, type SopKind, type StudyRecord } from "@pacs/shared";

const KIND_NAMES: Record<Exclude<SopKind, "image">, string> = {
  sr: "Structured report",
  pdf: "PDF document",
  rtstruct: "RT structure set",
  waveform: "Waveform",
  seg: "Segmentation",
  "presentation-state": "Presentation state",
  "other-nonimage": "DICOM object",
};

export interface NonImageSeries {
  series: SeriesSummary;
  /** "undrawable": images ingest found nothing to draw in (no pixel data, a damaged codestream). */
  kind: Exclude<SopKind, "image"> | "undrawable";
  /** "Structured report (Comprehensive SR)"; several classes are joined. */
  label: string;
  explanation: string;
  objects: number;
  opensInViewer: boolean;
}

/** The series' non-image kind, or null when it holds images (or was ingested before SOP classes were kept and looks like images). */
function seriesKind(series: SeriesSummary): { kind: SopKind; labels: string[]; opensInViewer: boolean } {
  if (!series.SOPClasses || series.SOPClasses.length === 0) {
    const kind = classifyModality(series.Modality);
    return { kind, labels: kind === "image" ? [] : [KIND_NAMES[kind]], opensInViewer: kind === "image" || kind === "sr" || kind === "pdf" };
  }
  if (series.SOPClasses.some((entry) => entry.kind === "image")) return { kind: "image", labels: [], opensInViewer: true };
  const infos = series.SOPClasses.map((entry) => ({ ...classifySopClass(entry.SOPClassUID), kind: entry.kind }));
  return {
    kind: infos[0]!.kind,
    labels: [...new Set(infos.map((info) => (info.label === "Image" ? KIND_NAMES[info.kind as Exclude<SopKind, "image">] : info.label)))],
    opensInViewer: infos.some((info) => info.opensInViewer),
  };
}

/**
 * The study's series that hold no images, each with words for what it is and
 * whether the viewer shows it (SRs and PDFs; RT structure sets and
 * segmentations only when the study has images to draw them over).
 */
export function findNonImageSeries(study: Pick<StudyRecord, "series">): NonImageSeries[] {
  const kinds = study.series.map((series) => ({ series, ...seriesKind(series) }));
  const hasImages = kinds.some((entry) => entry.kind === "image");
  return kinds.flatMap(({ series, kind, labels, opensInViewer }) => {
    if (kind === "image") return series.undrawableImages ? [describeUndrawable(series, series.undrawableImages)] : [];
    const overImages = (kind === "rtstruct" || kind === "seg") && hasImages;
    return [{ series, kind, label: labels.join(", "), explanation: NON_IMAGE_EXPLANATIONS[kind], objects: series.NumberOfSeriesRelatedInstances, opensInViewer: opensInViewer || overImages }];
  });
}

/** An image series some or all of whose images the viewer cannot draw: why, and whether the rest opens. */
function describeUndrawable(series: SeriesSummary, { count, reason }: NonNullable<SeriesSummary["undrawableImages"]>): NonImageSeries {
  const total = series.NumberOfSeriesRelatedInstances;
  const which = count >= total ? (total === 1 ? "this image" : `these ${total} images`) : `${count} of the ${total} images of this series`;
  return {
    series,
    kind: "undrawable",
    label: count >= total ? "Images the viewer cannot draw" : "Some images the viewer cannot draw",
    explanation: `The viewer cannot draw ${which}: ${reason}. The files are kept exactly as they were sent; download them to open them in other software.`,
    objects: count,
    opensInViewer: count < total,
  };
}

/** Whether "Open in viewer" has anything to show: an image series, a report or a document. */
export function hasViewableSeries(study: Pick<StudyRecord, "series">): boolean {
  const nonImage = findNonImageSeries(study);
  // A series with some undrawable images is listed and still opens; one with none drawable is only listed.
  const listedOnly = nonImage.filter((entry) => entry.kind !== "undrawable" || !entry.opensInViewer).length;
  return study.series.length > listedOnly || nonImage.some((entry) => entry.opensInViewer);
}
