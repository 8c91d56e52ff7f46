import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";
import { PNG } from "pngjs";
import { renderThumbnail, type Thumbnail } from "./render-thumbnail";
import { correlate, downscaleGrey, hasDcmj2pnm, readGreyPng, renderWithDcmj2pnm } from "./testing/compare-images";

/**
 * Thumbnails of third-party files (pydicom's test data, see
 * ../shared/dicom-samples/README.md) for each transfer syntax, compared with
 * the uncompressed twin where pydicom has one. Skipped where the folder is absent.
 */
const repoRoot = path.resolve(__dirname, "..", "..", "..");
const samplesRoot = path.join(repoRoot, "..", "shared", "dicom-samples", "pydicom-test_files");
const describeIfSamples = existsSync(samplesRoot) ? describe : describe.skip;
const itIfDcmtk = hasDcmj2pnm() ? it : it.skip;

async function render(name: string): Promise<Thumbnail> {
  return renderThumbnail(readFileSync(path.join(samplesRoot, name)));
}

function readPixels(thumbnail: Thumbnail): Buffer {
  return PNG.sync.read(Buffer.from(thumbnail.png)).data;
}

function meanDifference(a: Thumbnail, b: Thumbnail): number {
  const [pa, pb] = [readPixels(a), readPixels(b)];
  let sum = 0;
  for (let i = 0; i < pa.length; i++) sum += Math.abs(pa[i]! - pb[i]!);
  return sum / pa.length;
}

function hasPixel(thumbnail: Thumbnail, [r, g, b]: number[]): boolean {
  const data = readPixels(thumbnail);
  for (let i = 0; i < data.length; i += 4) {
    if (Math.abs(data[i]! - r!) < 8 && Math.abs(data[i + 1]! - g!) < 8 && Math.abs(data[i + 2]! - b!) < 8) return true;
  }
  return false;
}

function countDistinct(thumbnail: Thumbnail): number {
  return new Set(readPixels(thumbnail)).size;
}

describeIfSamples(`thumbnails of the sample corpus in ${samplesRoot}`, () => {
  it.each([
    ["MR_small_RLE.dcm", "RLE"],
    ["MR_small_jpeg_ls_lossless.dcm", "JPEG-LS lossless"],
    ["MR_small_jp2klossless.dcm", "JPEG 2000 lossless"],
    ["MR_small_bigendian.dcm", "explicit big endian"],
    ["MR_small_implicit.dcm", "implicit little endian"],
  ])("%s (%s) matches the uncompressed MR_small.dcm", async (name) => {
    const [reference, thumbnail] = [await render("MR_small.dcm"), await render(name)];
    expect(reference.decoded && thumbnail.decoded).toBe(true);
    expect(countDistinct(reference)).toBeGreaterThan(50);
    expect(meanDifference(thumbnail, reference)).toBeLessThan(0.5);
  });

  it.each([
    ["SC_rgb_rle_16bit.dcm", "RLE 16-bit", 0.5],
    ["SC_rgb_rle_32bit.dcm", "RLE 32-bit", 0.5],
    ["SC_rgb_jpeg_gdcm.dcm", "JPEG lossless", 0.5],
    ["SC_rgb_gdcm_KY.dcm", "JPEG 2000", 1],
    ["SC_ybr_full_422_uncompressed.dcm", "native YBR_FULL_422", 3],
    ["SC_rgb_dcmtk_+eb+cr.dcm", "JPEG baseline RGB", 3],
    ["SC_rgb_jpeg_dcmtk.dcm", "JPEG baseline YBR_FULL", 3],
    ["SC_rgb_dcmtk_+eb+cy+np.dcm", "JPEG baseline YBR_FULL_422", 3],
  ])("colour %s (%s) matches the lossless SC_rgb_rle.dcm (mean difference < %d)", async (name, _syntax, tolerance) => {
    const reference = await render("SC_rgb_rle.dcm");
    const thumbnail = await render(name);
    expect(reference.decoded && thumbnail.decoded).toBe(true);
    // The reference is colour bars: saturated red and blue must be there, so YBR/RGB mix-ups show.
    expect(hasPixel(reference, [255, 0, 0]) && hasPixel(reference, [0, 0, 255])).toBe(true);
    expect(meanDifference(thumbnail, reference)).toBeLessThan(tolerance);
  });

  it.each(["CT_small.dcm", "JPEG2000.dcm", "693_J2KI.dcm", "SC_ybr_full_422_uncompressed.dcm", "image_dfl.dcm", "rtdose_rle.dcm"])(
    "%s decodes to a non-uniform image",
    async (name) => {
      const thumbnail = await render(name);
      expect(thumbnail.decoded ? "decoded" : thumbnail.reason).toBe("decoded");
      expect(countDistinct(thumbnail)).toBeGreaterThan(10);
    },
  );

  // Both are the same 256×1024 NM image (process 4, BitsStored 12).
  describe.each(["JPGExtended.dcm", "JPEG-lossy.dcm"])("JPEG extended 12-bit %s", (name) => {
    it("renders a real thumbnail, not the placeholder", async () => {
      const thumbnail = await render(name);
      expect(thumbnail.decoded ? "decoded" : thumbnail.reason).toBe("decoded");
      expect([thumbnail.width, thumbnail.height]).toEqual([32, 128]);
      expect(countDistinct(thumbnail)).toBeGreaterThan(10);
    });

    itIfDcmtk("looks like DCMTK's dcmj2pnm rendering (correlation > 0.99 over an 8×32 grid)", async () => {
      const thumbnail = readGreyPng((await render(name)).png);
      const reference = readGreyPng(renderWithDcmj2pnm(path.join(samplesRoot, name)));
      expect(correlate(downscaleGrey(thumbnail, 8, 32), downscaleGrey(reference, 8, 32))).toBeGreaterThan(0.99);
    });
  });

  it.each([
    ["MR_truncated.dcm", /not readable as DICOM/],
    ["rtplan.dcm", /no Pixel Data/],
  ])("%s gives a placeholder saying why", async (name, reason) => {
    const thumbnail = await render(name);
    expect(thumbnail.decoded).toBe(false);
    if (!thumbnail.decoded) expect(thumbnail.reason).toMatch(reason);
  });
});
