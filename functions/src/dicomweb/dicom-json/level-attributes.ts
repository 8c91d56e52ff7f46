import type { InstanceMetadata, SeriesSummary, StudySummary } from "@pacs/shared";
import type { NaturalDataset } from "./build-dicom-json";

/**
 * What this archive knows about a study, a series and an instance, as
 * natural data sets (keyword → value) for QIDO-RS matching and answers, and
 * which of them each level returns by default (PS3.18 §10.6.3.3, Tables
 * 10.6.3-3 to 10.6.3-5, plus what OHIF and Weasis read).
 */

/** The study fields a QIDO-RS answer needs; the study list's record has them all (studies.ts). */
export type StudyForQuery = Omit<StudySummary, "totalBytes">;

/** Every answer is JSON, hence UTF-8: PS3.18 §F.2 and Orthanc say so with ISO_IR 192. */
const UTF8 = "ISO_IR 192";

/** Absolute, as Weasis follows it without resolving: `${origin}/dicomweb/studies/{s}[/series/{x}[/instances/{i}]]`. */
export function buildRetrieveURL(origin: string, study: string, series?: string, instance?: string): string {
  let url = `${origin}/dicomweb/studies/${study}`;
  if (series) url += `/series/${series}`;
  if (series && instance) url += `/instances/${instance}`;
  return url;
}

/** The patient and study attributes the archive keeps; "" for an empty PatientID is empty in DICOM too. */
export function buildStudyDataset(study: StudyForQuery, origin: string): NaturalDataset {
  return {
    SpecificCharacterSet: UTF8,
    StudyInstanceUID: study.StudyInstanceUID,
    PatientName: study.PatientName,
    PatientID: study.PatientID || undefined,
    PatientBirthDate: study.PatientBirthDate,
    PatientSex: study.PatientSex,
    StudyDate: study.StudyDate,
    StudyTime: study.StudyTime,
    StudyID: study.StudyID,
    AccessionNumber: study.AccessionNumber,
    StudyDescription: study.StudyDescription,
    ReferringPhysicianName: study.ReferringPhysicianName,
    ModalitiesInStudy: study.ModalitiesInStudy,
    NumberOfStudyRelatedSeries: study.NumberOfStudyRelatedSeries,
    NumberOfStudyRelatedInstances: study.NumberOfStudyRelatedInstances,
    InstanceAvailability: "ONLINE",
    RetrieveURL: buildRetrieveURL(origin, study.StudyInstanceUID),
  };
}

/** A series' own attributes (to be laid over its study's). */
export function buildSeriesDataset(series: SeriesSummary, origin: string): NaturalDataset {
  return {
    SpecificCharacterSet: UTF8,
    StudyInstanceUID: series.StudyInstanceUID,
    SeriesInstanceUID: series.SeriesInstanceUID,
    Modality: series.Modality,
    SeriesNumber: series.SeriesNumber,
    SeriesDescription: series.SeriesDescription,
    BodyPartExamined: series.BodyPartExamined,
    SeriesDate: series.SeriesDate,
    SeriesTime: series.SeriesTime,
    NumberOfSeriesRelatedInstances: series.NumberOfSeriesRelatedInstances,
    InstanceAvailability: "ONLINE",
    RetrieveURL: buildRetrieveURL(origin, series.StudyInstanceUID, series.SeriesInstanceUID),
  };
}

/** An instance's stored attributes (the original's transfer syntax and pixel module), to be laid over its series'. */
export function buildInstanceDataset(instance: InstanceMetadata, origin: string): NaturalDataset {
  return {
    ...instance,
    SpecificCharacterSet: UTF8,
    InstanceAvailability: "ONLINE",
    RetrieveURL: buildRetrieveURL(origin, instance.StudyInstanceUID, instance.SeriesInstanceUID, instance.SOPInstanceUID),
  };
}

/** PS3.18 Table 10.6.3-3, with StudyDescription, which OHIF's study list shows. */
export const STUDY_DEFAULT_KEYWORDS = [
  "SpecificCharacterSet",
  "StudyDate",
  "StudyTime",
  "AccessionNumber",
  "InstanceAvailability",
  "ModalitiesInStudy",
  "ReferringPhysicianName",
  "RetrieveURL",
  "PatientName",
  "PatientID",
  "PatientBirthDate",
  "PatientSex",
  "StudyInstanceUID",
  "StudyID",
  "NumberOfStudyRelatedSeries",
  "NumberOfStudyRelatedInstances",
  "StudyDescription",
] as const;

/** PS3.18 Table 10.6.3-4, with the study's UID so that a series found across studies can be opened. */
export const SERIES_DEFAULT_KEYWORDS = [
  "SpecificCharacterSet",
  "Modality",
  "SeriesDescription",
  "RetrieveURL",
  "StudyInstanceUID",
  "SeriesInstanceUID",
  "SeriesNumber",
  "NumberOfSeriesRelatedInstances",
] as const;

/** Series date and time are returned only when stored: few writers fill them, and OHIF reads them only when present. */
export const SERIES_WHEN_STORED_KEYWORDS = ["SeriesDate", "SeriesTime"] as const;

/** PS3.18 Table 10.6.3-5, with what a viewer needs to lay out a series before it retrieves any image. */
export const INSTANCE_DEFAULT_KEYWORDS = [
  "SpecificCharacterSet",
  "SOPClassUID",
  "SOPInstanceUID",
  "InstanceAvailability",
  "RetrieveURL",
  "StudyInstanceUID",
  "SeriesInstanceUID",
  "InstanceNumber",
  "Rows",
  "Columns",
  "BitsAllocated",
  "NumberOfFrames",
] as const;
