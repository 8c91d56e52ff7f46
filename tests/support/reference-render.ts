/**
 * Reference renderings by independent decoders: dcmtk's dcmj2pnm (Debian
 * package `dcmtk`, installed by .ci/run) decodes JPEG, JPEG-LS, RLE and
 * deflate and applies the display pipeline a viewer does: modality LUT, the
 * file's first VOI window (or min-max when it has none), MONOCHROME1
 * inversion, palette and YBR to RGB. Debian's dcmtk has no JPEG 2000 codec,
 * so what it cannot decode is first decompressed by GDCM (`gdcmconv --raw`,
 * package `libgdcm-tools`, OpenJPEG inside) and then rendered by dcmtk.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readJpegColourMarkers } from "../../functions/src/viewable/jpeg-colour-model";
import { readPnm, type Raster } from "./image-compare";
import type { Reference } from "./viewer-check";

export function hasDcmtk(): boolean {
  return spawnSync("dcmj2pnm", ["--version"]).status === 0 && spawnSync("gdcmconv", ["--version"]).status === 0;
}

/**
 * Renders frame `frame` (1-based) of a DICOM file with every independent
 * decoder that can: dcmtk itself, and GDCM's decompression rendered by dcmtk.
 * They usually agree; where they do not (a JPEG whose colour transform or a
 * J2K whose signedness the header contradicts), each is kept and named.
 * `useFileWindow` picks the file's first WindowCenter/Width, as OHIF does.
 * @throws when neither can render it.
 */
export function renderReferences(file: string, frame: number, useFileWindow: boolean): Reference[] {
  const dir = mkdtempSync(join(tmpdir(), "dcmj2pnm-"));
  const references: Reference[] = [];
  const failures: string[] = [];
  try {
    try {
      references.push({ raster: renderWithDcmtk(file, frame, useFileWindow, dir), decoder: "dcmtk" });
    } catch (error) {
      failures.push(`dcmtk: ${describe(error)}`);
    }
    // A chroma-subsampled JPEG stream is YCbCr whatever the header says (only YCbCr is stored
    // that way); dcmtk follows the header unless told to take the stream's own colour model.
    if (readJpegColourMarkers(readFileSync(file))?.subsampled) {
      try {
        references.push({ raster: renderWithDcmtk(file, frame, useFileWindow, dir, ["+cg"]), decoder: "dcmtk +cg (subsampled stream, so YCbCr)" });
      } catch (error) {
        failures.push(`dcmtk +cg: ${describe(error)}`);
      }
    }
    try {
      const raw = join(dir, "raw.dcm");
      execFileSync("gdcmconv", ["--raw", file, raw], { stdio: ["ignore", "ignore", "pipe"] });
      references.push({ raster: renderWithDcmtk(raw, frame, useFileWindow, dir), decoder: "gdcm+dcmtk" });
    } catch (error) {
      failures.push(`gdcm: ${describe(error)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (references.length === 0) throw new Error(failures.join("; "));
  return references;
}

function describe(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
  return stderr || (error as Error).message.split("\n")[0]!;
}

function renderWithDcmtk(file: string, frame: number, useFileWindow: boolean, dir: string, extra: string[] = []): Raster {
  const out = join(dir, "frame.pnm");
  const window = useFileWindow ? ["+Wi", "1"] : ["+Wm"];
  // +Mp, +wi: accept the slightly broken palettes and JPEG streams dcmtk knows about, as a lenient viewer does.
  execFileSync("dcmj2pnm", ["-q", "+F", String(frame), ...window, "+Mp", "+wi", ...extra, "+op", file, out], { stdio: ["ignore", "ignore", "pipe"] });
  return readPnm(readFileSync(out));
}
