import { buildCtElements, buildDicomFile, TINY_PIXEL_DATA, type BuildDicomOptions, type DicomElementSpec } from "./build-dicom";

let counter = 0;
/** A UID no other test run will produce: a root, the time, and a counter. */
export function uniqueUID(): string {
  counter += 1;
  return `1.2.826.0.1.3680043.10.99.${Date.now()}.${process.pid}.${counter}`;
}

export interface SeriesSpec {
  modality?: string;
  seriesNumber?: number;
  description?: string;
  instances: number;
}

export interface StudyFile {
  name: string;
  bytes: Uint8Array;
  sopInstanceUID: string;
  seriesInstanceUID: string;
}

export interface BuiltStudy {
  studyInstanceUID: string;
  seriesInstanceUIDs: string[];
  files: StudyFile[];
}

/**
 * A small multi-series study of tiny images, with fresh UIDs each call, for
 * ingest tests: `{ series: [{ instances: 3 }, { instances: 2, modality: "MR" }] }`.
 */
export function buildStudy(spec: { series: SeriesSpec[]; patient?: DicomElementSpec[]; options?: BuildDicomOptions; folder?: string }): BuiltStudy {
  const studyInstanceUID = uniqueUID();
  const files: StudyFile[] = [];
  const seriesInstanceUIDs = spec.series.map((series, s) => {
    const seriesInstanceUID = uniqueUID();
    for (let i = 0; i < series.instances; i++) {
      const sopInstanceUID = uniqueUID();
      const elements = buildCtElements([
        { tag: "0020000D", vr: "UI", value: studyInstanceUID },
        { tag: "0020000E", vr: "UI", value: seriesInstanceUID },
        { tag: "00080018", vr: "UI", value: sopInstanceUID },
        { tag: "00080060", vr: "CS", value: series.modality ?? "CT" },
        { tag: "00200011", vr: "IS", value: String(series.seriesNumber ?? s + 1) },
        { tag: "0008103E", vr: "LO", value: series.description ?? `Series ${s + 1}` },
        { tag: "00200013", vr: "IS", value: String(i + 1) },
        { tag: "00200032", vr: "DS", value: [-125, -130.5, i * 5] },
        ...(spec.patient ?? []),
      ]);
      const name = `${spec.folder ? `${spec.folder}/` : ""}S${s + 1}/IM${String(i + 1).padStart(4, "0")}.dcm`;
      files.push({ name, bytes: buildDicomFile(elements, { pixelData: TINY_PIXEL_DATA, ...spec.options }), sopInstanceUID, seriesInstanceUID });
    }
    return seriesInstanceUID;
  });
  return { studyInstanceUID, seriesInstanceUIDs, files };
}
