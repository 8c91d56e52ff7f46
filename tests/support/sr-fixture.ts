/**
 * A Basic Text SR (PS3.3 A.35.1) written with dcmjs, since our own test
 * writer (build-dicom.ts) has no sequences: a report titled "Radiology
 * report" with one finding as TEXT, for the viewer's SR display.
 */
import { uniqueUID } from "../../functions/src/ingest/testing/build-study";

// dcmjs publishes no types.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const dcmjs = require("dcmjs");

export const BASIC_TEXT_SR = "1.2.840.10008.5.1.4.1.1.88.11";

const code = (CodeValue: string, CodeMeaning: string) => [{ CodeValue, CodingSchemeDesignator: "LN", CodeMeaning }];

export function buildBasicTextSr(study: string, finding: string): { bytes: Uint8Array; series: string } {
  const series = uniqueUID();
  const sop = uniqueUID();
  const { DicomDict, DicomMetaDictionary } = dcmjs.data;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: BASIC_TEXT_SR,
    MediaStorageSOPInstanceUID: sop,
    TransferSyntaxUID: "1.2.840.10008.1.2.1",
    ImplementationClassUID: "1.2.826.0.1.3680043.10.1.3",
  };
  const dataSet = {
    SpecificCharacterSet: "ISO_IR 192",
    SOPClassUID: BASIC_TEXT_SR,
    SOPInstanceUID: sop,
    StudyInstanceUID: study,
    SeriesInstanceUID: series,
    Modality: "SR",
    SeriesNumber: 90,
    InstanceNumber: 1,
    SeriesDescription: "Report",
    PatientName: "Report^Rita",
    PatientID: "SR-1",
    StudyDate: "20240131",
    StudyTime: "101500",
    ContentDate: "20240131",
    ContentTime: "102000",
    AccessionNumber: "ACC-SR",
    ValueType: "CONTAINER",
    ContinuityOfContent: "SEPARATE",
    CompletionFlag: "COMPLETE",
    VerificationFlag: "UNVERIFIED",
    ConceptNameCodeSequence: code("11528-7", "Radiology report"),
    ContentSequence: [{ RelationshipType: "CONTAINS", ValueType: "TEXT", ConceptNameCodeSequence: code("121071", "Finding"), TextValue: finding }],
  };
  const dict = new DicomDict(DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = DicomMetaDictionary.denaturalizeDataset(dataSet);
  return { bytes: new Uint8Array(dict.write()), series };
}
