/**
 * The corpus files the engine must refuse (DeidentificationError), and why:
 * not DICOM at all, or damaged so that no rewrite could be trusted. Every
 * other file of ../shared/dicom-samples must come out de-identified.
 */
const NOT_DICOM = "not a DICOM file (text, JSON or a dump)";

export const EXPECTED_REFUSALS: Record<string, string> = {
  "README.md": NOT_DICOM,
  "pydicom-charset_files/FileInfo.txt": NOT_DICOM,
  "pydicom-palettes/README.md": NOT_DICOM,
  "pydicom-test_files/README.txt": NOT_DICOM,
  "pydicom-test_files/dicomdirtests/README.txt": NOT_DICOM,
  "pydicom-test_files/dicomdirtests/TINY_ALPHA/README": NOT_DICOM,
  "pydicom-test_files/rtplan.dump": NOT_DICOM,
  "pydicom-test_files/rtstruct.dump": NOT_DICOM,
  "pydicom-test_files/test1.json": NOT_DICOM,
  "pydicom-test_files/test_PN.json": NOT_DICOM,
  "pydicom-test_files/zipMR.gz": "gzip-compressed (ingest unwraps it; the archive stores MR_small.dcm's bytes)",
  "pydicom-test_files/MR_truncated.dcm": "truncated inside PixelData",
  "pydicom-test_files/rtplan_truncated.dcm": "truncated inside a sequence",
  "pydicom-test_files/SC_rgb_jpeg.dcm": "corrupt: garbage VR in the first elements (dcmdump fails too)",
  "pydicom-test_files/no_meta.dcm": "no preamble and no data set dcmdump can read",
  "pydicom-test_files/meta_missing_tsyntax.dcm": "meta group without TransferSyntaxUID",
  "pydicom-test_files/dicomdirtests/DICOMDIR-nooffset": "truncated: sequence and item delimiters missing at the end",
};
