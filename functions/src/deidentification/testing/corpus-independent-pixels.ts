import * as path from "node:path";
import { extractPixelDataWithGdcm, extractPixelItemsWithDcmdump } from "./corpus-dcmtk";

/**
 * A second opinion on "pixel data byte for byte", from tools that share no
 * code with the engine or with our walker: dcmdump +W writes the native value
 * or each encapsulated item (offset table, fragments) to its own file, and
 * gdcmraw writes GDCM's reading of the value. Original and copy must agree.
 */

/** One file per kind of pixel data the corpus holds, so that the check stays quick. */
export const INDEPENDENT_PIXEL_SUBSET = [
  "pydicom-test_files/CT_small.dcm", // native, explicit VR little endian
  "pydicom-test_files/MR_small_implicit.dcm", // native, implicit VR
  "pydicom-test_files/MR_small_bigendian.dcm", // native, explicit VR big endian
  "pydicom-test_files/image_dfl.dcm", // deflated data set
  "pydicom-test_files/rtdose.dcm", // native multi-frame
  "pydicom-test_files/JPEG-lossy.dcm", // JPEG
  "pydicom-test_files/MR_small_jpeg_ls_lossless.dcm", // JPEG-LS
  "pydicom-test_files/JPEG2000.dcm", // JPEG 2000
  "pydicom-test_files/MR_small_RLE.dcm", // RLE
  "pydicom-test_files/SC_rgb_rle_2frame.dcm", // RLE, multi-frame
];

export interface IndependentReport {
  problems: string[];
  bytes: number;
  tools: string[];
}

export async function checkIndependentPixels(pairs: Array<{ name: string; file: string; outputPath: string }>, work: string, withGdcm: boolean): Promise<IndependentReport> {
  const report: IndependentReport = { problems: [], bytes: 0, tools: withGdcm ? ["dcmdump +W", "gdcmraw"] : ["dcmdump +W"] };
  for (const [index, pair] of pairs.entries()) {
    const before = await extractPixelItemsWithDcmdump(pair.file, path.join(work, `${index}-original`));
    const after = await extractPixelItemsWithDcmdump(pair.outputPath, path.join(work, `${index}-copy`));
    if (before.length === 0) report.problems.push(`${pair.name}: dcmdump +W found no pixel data in the original`);
    if (before.length !== after.length || before.some((item, at) => !item.equals(after[at]!))) {
      report.problems.push(`${pair.name}: dcmdump +W items differ (${before.map((b) => b.length).join(",")} vs ${after.map((b) => b.length).join(",")})`);
    }
    report.bytes += before.reduce((sum, item) => sum + item.length, 0);
    if (!withGdcm) continue;
    const gdcmBefore = await extractPixelDataWithGdcm(pair.file, path.join(work, `${index}-original.gdcm.raw`));
    const gdcmAfter = await extractPixelDataWithGdcm(pair.outputPath, path.join(work, `${index}-copy.gdcm.raw`));
    if (gdcmBefore.length === 0 || !gdcmBefore.equals(gdcmAfter)) report.problems.push(`${pair.name}: gdcmraw values differ (${gdcmBefore.length} vs ${gdcmAfter.length} bytes)`);
    report.bytes += gdcmBefore.length;
  }
  return report;
}
