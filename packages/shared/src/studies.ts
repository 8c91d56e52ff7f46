import { z } from "zod";
import { MAX_SEARCH_TERMS } from "./study-search";
import { SOP_KINDS } from "./sop-class";

/**
 * What ingest stores about studies, series and instances. Attribute names are
 * DICOM keywords (PS3.6) so that the JSON can go to OHIF's dicomjson data
 * source unchanged; names that are ours, not DICOM's, are camelCase.
 * Type 2 attributes (present but possibly empty) are optional: an empty value
 * is stored as absent, never as "".
 */

/** A DICOM UID (PS3.5 §9.1): dot-separated digits, at most 64 characters. */
export const DicomUID = z.string().max(64).regex(/^[0-9]+(\.[0-9]+)*$/, "not a DICOM UID");
export type DicomUID = z.infer<typeof DicomUID>;

const Int = z.number().int();
const Numbers = z.array(z.number());

/**
 * The Image Pixel module attributes (PS3.3 C.7.6.3). They are optional as a
 * group because non-image objects (SR, RT Structure Set, waveforms) have none,
 * and the viewer still lists them.
 */
const ImagePixelFields = {
  Rows: Int.positive().optional(),
  Columns: Int.positive().optional(),
  BitsAllocated: Int.positive().optional(),
  BitsStored: Int.positive().optional(),
  HighBit: Int.nonnegative().optional(),
  PixelRepresentation: z.union([z.literal(0), z.literal(1)]).optional(),
  SamplesPerPixel: Int.positive().optional(),
  PhotometricInterpretation: z.string().min(1).optional(),
  PlanarConfiguration: z.union([z.literal(0), z.literal(1)]).optional(),
  NumberOfFrames: Int.positive().optional(),
};

const REQUIRED_WITH_ROWS = [
  "Columns",
  "BitsAllocated",
  "BitsStored",
  "HighBit",
  "PixelRepresentation",
  "SamplesPerPixel",
  "PhotometricInterpretation",
] as const;

/**
 * One SOP instance as the viewer needs it to display and order an image
 * (OHIF dicomjson `instances[].metadata`). Multi-valued attributes are arrays.
 */
export const InstanceMetadata = z
  .object({
    StudyInstanceUID: DicomUID,
    SeriesInstanceUID: DicomUID,
    SOPInstanceUID: DicomUID,
    SOPClassUID: DicomUID,
    TransferSyntaxUID: DicomUID,
    FrameOfReferenceUID: DicomUID.optional(),
    Modality: z.string().min(1),
    /** Type 2 in the General Image module: sorting falls back to position when absent. */
    InstanceNumber: Int.optional(),
    ...ImagePixelFields,
    ImagePositionPatient: Numbers.length(3).optional(),
    ImageOrientationPatient: Numbers.length(6).optional(),
    PixelSpacing: Numbers.length(2).optional(),
    SliceThickness: z.number().optional(),
    SliceLocation: z.number().optional(),
    RescaleIntercept: z.number().optional(),
    RescaleSlope: z.number().optional(),
    WindowCenter: Numbers.min(1).optional(),
    WindowWidth: Numbers.min(1).optional(),
  })
  .superRefine((instance, ctx) => {
    // The Image Pixel module is all-or-nothing: an image with Rows but no
    // BitsAllocated cannot be drawn, so it must not be stored as displayable.
    if (instance.Rows === undefined) return;
    for (const key of REQUIRED_WITH_ROWS) {
      if (instance[key] === undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: `${key} is required when Rows is present` });
      }
    }
  });
export type InstanceMetadata = z.infer<typeof InstanceMetadata>;

/** Series-level attributes as read from any one instance of the series. */
export const SeriesAttributes = z.object({
  StudyInstanceUID: DicomUID,
  SeriesInstanceUID: DicomUID,
  Modality: z.string().min(1),
  SeriesNumber: Int.optional(),
  SeriesDescription: z.string().optional(),
  BodyPartExamined: z.string().optional(),
  SeriesDate: z.string().optional(),
  SeriesTime: z.string().optional(),
});
export type SeriesAttributes = z.infer<typeof SeriesAttributes>;

/**
 * How many instances of one SOP class a series holds, and what they are
 * (`classifySopClass`, decided at ingest with the instance's pixel attributes).
 */
export const SeriesSopClass = z.object({
  SOPClassUID: DicomUID,
  kind: z.enum(SOP_KINDS),
  count: Int.nonnegative(),
});
export type SeriesSopClass = z.infer<typeof SeriesSopClass>;

/** A series row for the study page: its attributes plus how many instances it holds. */
export const SeriesSummary = SeriesAttributes.extend({
  NumberOfSeriesRelatedInstances: Int.nonnegative(),
  /** Optional: series ingested before it existed are classified by Modality (`classifyModality`). */
  SOPClasses: z.array(SeriesSopClass).max(64).optional(),
  /** Images of the series the viewer cannot draw, and why (the first reason met): the study page lists them. */
  undrawableImages: z.object({ count: Int.positive(), reason: z.string().min(1).max(500) }).optional(),
});
export type SeriesSummary = z.infer<typeof SeriesSummary>;

/**
 * Patient and study attributes as read from any one instance of the study.
 * Names are decoded per SpecificCharacterSet and kept in DICOM PN form
 * (`Family^Given=Ideographic=Phonetic`); dates and times stay DA/TM strings.
 */
export const StudyAttributes = z.object({
  StudyInstanceUID: DicomUID,
  /** Type 2: anonymised studies often carry an empty PatientID, which is stored as "". */
  PatientID: z.string(),
  PatientName: z.string().optional(),
  PatientBirthDate: z.string().optional(),
  PatientSex: z.string().optional(),
  StudyDate: z.string().optional(),
  StudyTime: z.string().optional(),
  StudyID: z.string().optional(),
  AccessionNumber: z.string().optional(),
  StudyDescription: z.string().optional(),
  ReferringPhysicianName: z.string().optional(),
});
export type StudyAttributes = z.infer<typeof StudyAttributes>;

/** A study row for the study list: attributes plus what ingest counted. */
export const StudySummary = StudyAttributes.extend({
  ModalitiesInStudy: z.array(z.string().min(1)),
  NumberOfStudyRelatedSeries: Int.nonnegative(),
  NumberOfStudyRelatedInstances: Int.nonnegative(),
  /** Sum of the stored files' sizes, for quotas and the list's size column. */
  totalBytes: Int.nonnegative(),
});
export type StudySummary = z.infer<typeof StudySummary>;

/** Longest side of a study-list thumbnail, in pixels (twice the displayed size, for sharp screens). */
export const THUMBNAIL_SIZE = 96;

/**
 * A study's thumbnail, kept inline on the study record as a PNG data URL
 * (a few KB): the study list shows it with no extra read and no signed URL.
 * `decoded: false` means the image could not be decoded and the PNG is a
 * placeholder naming the modality.
 */
export const StudyThumbnail = z.object({
  dataUrl: z.string().startsWith("data:image/png;base64,").max(200_000),
  SeriesInstanceUID: DicomUID,
  SOPInstanceUID: DicomUID,
  decoded: z.boolean(),
  /** Images in the series when it was rendered: the middle slice is picked again once it doubles. */
  seriesInstancesAtRender: Int.nonnegative().optional(),
});
export type StudyThumbnail = z.infer<typeof StudyThumbnail>;

/**
 * `users/{uid}/studies/{StudyInstanceUID}`: one study of one owner, as the
 * study list shows it, with its series summaries inline (a study has tens of
 * series, never thousands). Written by ingest only.
 */
export const StudyRecord = StudySummary.extend({
  series: z.array(SeriesSummary),
  createdAt: z.date(),
  updatedAt: z.date(),
  // What the study list queries (see study-search.ts). Optional: records
  // written before search existed still parse, and gain them at their next ingest.
  /** Folded prefixes of name parts, IDs and description words (`buildSearchTerms`). */
  searchTerms: z.array(z.string().min(1)).max(MAX_SEARCH_TERMS).optional(),
  /** `ModalitiesInStudy` as a map, `{CT: true}`, so a modality filter is an equality. */
  modalities: z.record(z.string(), z.literal(true)).optional(),
  /** `StudyDate` as `YYYYMMDD`, "" when unknown: range filters and the study-date sort use it. */
  studyDateKey: z.string().regex(/^(\d{8})?$/).optional(),
  /** Rendered after ingest from the middle slice of the main series (study-thumbnail.ts). */
  thumbnail: StudyThumbnail.optional(),
});
export type StudyRecord = z.infer<typeof StudyRecord>;

/**
 * Why the viewer is served a re-encoded copy of an instance instead of the
 * original (docs/viewer.md, "Viewer-ready copies"). The copy lives at
 * `buildViewableCopyPath`; without `TransferSyntaxUID` it could not be built
 * (`failure` says why) and the viewer gets the original.
 */
export const ViewableCopyRecord = z.object({
  reason: z.string().min(1).max(500),
  /** The copy's transfer syntax: what the viewer's URL serves. */
  TransferSyntaxUID: DicomUID.optional(),
  /** A decoded copy's Image Pixel module (palette or YBR made RGB, RLE made native...): what the viewer's URL serves. */
  pixelModule: z
    .object({
      PhotometricInterpretation: z.string().min(1),
      SamplesPerPixel: Int.positive(),
      BitsAllocated: Int.positive(),
      BitsStored: Int.positive(),
      HighBit: Int.nonnegative(),
      PixelRepresentation: z.union([z.literal(0), z.literal(1)]),
      PlanarConfiguration: z.literal(0).optional(),
    })
    .optional(),
  failure: z.string().max(500).optional(),
});
export type ViewableCopyRecord = z.infer<typeof ViewableCopyRecord>;

/**
 * Files ingest stored beside a non-image original (`buildRenditionPath`), in a
 * form OHIF reads without the original: sizes in bytes. They are the viewer's
 * copies, not the user's data: downloads, exports and the quota count only originals.
 */
export const InstanceRenditions = z.object({
  /** The Encapsulated Document (0042,0011) of an Encapsulated PDF, as `{SOP}.pdf`. */
  pdfBytes: Int.positive().optional(),
  /** A structured report's content tree, naturalized as OHIF's SR display reads it, as `{SOP}.sr.json`. */
  srContentBytes: Int.positive().optional(),
});
export type InstanceRenditions = z.infer<typeof InstanceRenditions>;

/** One stored instance: what the viewer needs, plus the stored file's size (the original's, which is what counts against the quota). */
export const StoredInstance = z.object({
  metadata: InstanceMetadata,
  byteLength: Int.nonnegative(),
  viewableCopy: ViewableCopyRecord.optional(),
  renditions: InstanceRenditions.optional(),
  /** Why this image has nothing the viewer could draw (no pixel data, a damaged codestream): kept out of the viewer. */
  undrawable: z.string().min(1).max(500).optional(),
});
export type StoredInstance = z.infer<typeof StoredInstance>;

/**
 * Instances stored per chunk document. At about 1 KB of metadata each, 250
 * keeps a chunk near 250 KB, far from Firestore's 1 MiB document cap, and a
 * 1,000-instance study is read for the viewer in one query of 4 documents.
 */
export const MAX_INSTANCES_PER_CHUNK = 250;

/**
 * `users/{uid}/studies/{StudyInstanceUID}/instanceChunks/{chunkId}`:
 * instances stored by one uploaded file (or archive), in groups of at most
 * {@link MAX_INSTANCES_PER_CHUNK}. The id comes from the upload and the
 * group's position in it, so a redelivered ingest rewrites the same chunks.
 */
export const InstanceChunk = z.object({
  StudyInstanceUID: DicomUID,
  instances: z.array(StoredInstance).max(MAX_INSTANCES_PER_CHUNK),
});
export type InstanceChunk = z.infer<typeof InstanceChunk>;
