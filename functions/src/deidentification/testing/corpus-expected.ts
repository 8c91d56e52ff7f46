/**
 * The corpus files the engine must refuse (DeidentificationError), why, and
 * what its message must say. Every other file of ../shared/dicom-samples must
 * come out de-identified, palettes and other objects without a study included.
 * None of these can be in the archive: ingest refuses them too
 * (functions/src/ingest/corpus.test.ts), or unwraps them first (zipMR.gz).
 */
export interface ExpectedRefusal {
  why: string;
  message: RegExp;
}

const notDicom: ExpectedRefusal = { why: "not a DICOM file (text, JSON, a dcmdump dump, gzip)", message: /cannot be read as DICOM/ };
const damaged = (why: string): ExpectedRefusal => ({ why, message: /cannot be read as DICOM/ });
/** Its ReferencedFileID paths (0004,1500) name folders after the PatientID ("77654033\\CR1\\6154"), and its offsets would go stale. */
const dicomdir: ExpectedRefusal = { why: "a DICOMDIR: a directory of other files, never shared", message: /DICOMDIR/ };

export const EXPECTED_REFUSALS: Record<string, ExpectedRefusal> = {
  "README.md": notDicom,
  "pydicom-charset_files/FileInfo.txt": notDicom,
  "pydicom-palettes/README.md": notDicom,
  "pydicom-test_files/README.txt": notDicom,
  "pydicom-test_files/dicomdirtests/README.txt": notDicom,
  "pydicom-test_files/dicomdirtests/TINY_ALPHA/README": notDicom,
  "pydicom-test_files/rtplan.dump": notDicom,
  "pydicom-test_files/rtstruct.dump": notDicom,
  "pydicom-test_files/test1.json": notDicom,
  "pydicom-test_files/test_PN.json": notDicom,
  "pydicom-test_files/zipMR.gz": notDicom,
  "pydicom-test_files/MR_truncated.dcm": damaged("truncated inside PixelData"),
  "pydicom-test_files/rtplan_truncated.dcm": damaged("truncated inside a sequence"),
  "pydicom-test_files/SC_rgb_jpeg.dcm": damaged("garbage VR in its first elements (dcmdump fails too)"),
  "pydicom-test_files/no_meta.dcm": damaged("no preamble and no data set dcmdump can read"),
  "pydicom-test_files/meta_missing_tsyntax.dcm": damaged("meta group without TransferSyntaxUID"),
  // dcmdump reads it with warnings; the engine copies nothing it cannot read whole.
  "pydicom-test_files/nested_priv_SQ.dcm": damaged("elements in group 0001, which DICOM forbids: a private sequence nested in another, implicit VR, undefined lengths"),
  "pydicom-test_files/dicomdirtests/DICOMDIR-nooffset": damaged("truncated: its last sequence and item delimiters are missing"),
  "pydicom-test_files/dicomdirtests/DICOMDIR": dicomdir,
  "pydicom-test_files/dicomdirtests/DICOMDIR-bigEnd": dicomdir,
  "pydicom-test_files/dicomdirtests/DICOMDIR-empty.dcm": dicomdir,
  "pydicom-test_files/dicomdirtests/DICOMDIR-implicit": dicomdir,
  "pydicom-test_files/dicomdirtests/DICOMDIR-nopatient": dicomdir,
  "pydicom-test_files/dicomdirtests/DICOMDIR-reordered": dicomdir,
  "pydicom-test_files/dicomdirtests/TINY_ALPHA/DICOMDIR": dicomdir,
};
