// The always-available CT series: slices written by the repo's own test DICOM
// writer (functions/src/ingest/testing/build-dicom.ts), bundled on the fly so
// that a fresh clone needs nothing beyond `npm install`.
import { join } from "node:path";
import { bundleAndImport } from "./bundle.mjs";

const ROWS = 512;
const COLUMNS = 512;
const SLICE_THICKNESS = 1.25;

/** The repo's test DICOM writer, bundled into `cacheDir` and imported. */
export async function loadDicomWriter(root, cacheDir) {
  return bundleAndImport(join(cacheDir, "build-dicom.mjs"), { entryPoints: [join(root, "functions", "src", "ingest", "testing", "build-dicom.ts")] });
}

/**
 * A body-sized ellipse of soft tissue in air, as stored values (HU + 1024).
 * Computed once; each slice adds its own noise.
 */
function buildPhantom() {
  const phantom = new Uint16Array(ROWS * COLUMNS);
  for (let y = 0; y < ROWS; y += 1) {
    for (let x = 0; x < COLUMNS; x += 1) {
      const dx = (x - COLUMNS / 2) / 220;
      const dy = (y - ROWS / 2) / 170;
      phantom[y * COLUMNS + x] = dx * dx + dy * dy <= 1 ? 1024 + 40 : 0;
    }
  }
  return phantom;
}

/**
 * Detector-like noise (xorshift32, seeded per slice) keeps DEFLATE at about
 * half the raw size, as real CT compresses; identical synthetic slices would
 * shrink to nothing and make the ZIP unrealistically cheap to read.
 */
function buildPixelData(phantom, seed) {
  const pixels = new Uint16Array(phantom.length);
  let state = seed * 2654435761 || 1;
  for (let i = 0; i < pixels.length; i += 1) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const base = phantom[i];
    pixels[i] = base === 0 ? state & 0xf : base - 64 + (state & 0x7f);
  }
  return new Uint8Array(pixels.buffer);
}

/** UIDs under the repo's test root, made unique per generated series by the time stamp. */
function buildUids(stamp) {
  const root = `1.2.826.0.1.3680043.10.1.9.${stamp}`;
  return { study: `${root}.1`, series: `${root}.2`, frameOfReference: `${root}.4`, sop: (i) => `${root}.3.${i}` };
}

/**
 * Returns `{ names, buildSlice(i) }`: slice i (0-based) is built on demand so
 * that a 2000-slice series never sits in memory at once.
 */
export async function prepareSyntheticSeries({ root, cacheDir, instances }) {
  const { buildDicomFile, buildCtElements } = await loadDicomWriter(root, cacheDir);
  const phantom = buildPhantom();
  const uids = buildUids(Date.now());
  const digits = Math.max(4, String(instances).length);
  const names = Array.from({ length: instances }, (_, i) => `CT${String(i + 1).padStart(digits, "0")}.dcm`);
  const buildSlice = (i) => {
    const z = -(i + 1) * SLICE_THICKNESS;
    const elements = buildCtElements([
      { tag: "00080018", vr: "UI", value: uids.sop(i + 1) },
      { tag: "0020000D", vr: "UI", value: uids.study },
      { tag: "0020000E", vr: "UI", value: uids.series },
      { tag: "00200052", vr: "UI", value: uids.frameOfReference },
      { tag: "00200013", vr: "IS", value: String(i + 1) },
      { tag: "00200032", vr: "DS", value: [-158.135803, -179.035797, z] },
      { tag: "00201041", vr: "DS", value: z.toFixed(3) },
      { tag: "00180050", vr: "DS", value: String(SLICE_THICKNESS) },
      { tag: "00280010", vr: "US", value: ROWS },
      { tag: "00280011", vr: "US", value: COLUMNS },
      { tag: "00280030", vr: "DS", value: [0.683594, 0.683594] },
      { tag: "00100010", vr: "PN", value: `Synthetic^CT^${instances}` },
      { tag: "00100020", vr: "LO", value: "SYNTH-CT-0001" },
      { tag: "00081030", vr: "LO", value: `Synthetic CT ${instances} slices` },
      { tag: "0008103E", vr: "LO", value: `Axial ${SLICE_THICKNESS}mm` },
    ]);
    return Buffer.from(buildDicomFile(elements, { pixelData: buildPixelData(phantom, i + 1) }));
  };
  return { names, buildSlice };
}
