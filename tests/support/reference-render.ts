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
import { readPnm, type Raster } from "./image-compare";

export function hasDcmtk(): boolean {
  return spawnSync("dcmj2pnm", ["--version"]).status === 0 && spawnSync("gdcmconv", ["--version"]).status === 0;
}

/** A rendering and the tool chain that made it, for the report. */
export interface Reference {
  raster: Raster;
  decoder: "dcmtk" | "gdcm+dcmtk";
}

/**
 * Renders frame `frame` (1-based) of a DICOM file to a raster.
 * `useFileWindow` picks the file's first WindowCenter/Width, as OHIF does.
 */
export function renderReference(file: string, frame: number, useFileWindow: boolean): Reference {
  const dir = mkdtempSync(join(tmpdir(), "dcmj2pnm-"));
  try {
    try {
      return { raster: renderWithDcmtk(file, frame, useFileWindow, dir), decoder: "dcmtk" };
    } catch {
      const raw = join(dir, "raw.dcm");
      execFileSync("gdcmconv", ["--raw", file, raw], { stdio: ["ignore", "ignore", "pipe"] });
      return { raster: renderWithDcmtk(raw, frame, useFileWindow, dir), decoder: "gdcm+dcmtk" };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function renderWithDcmtk(file: string, frame: number, useFileWindow: boolean, dir: string): Raster {
  const out = join(dir, "frame.pnm");
  const window = useFileWindow ? ["+Wi", "1"] : ["+Wm"];
  // +Mp, +wi: accept the slightly broken palettes and JPEG streams dcmtk knows about, as a lenient viewer does.
  execFileSync("dcmj2pnm", ["-q", "+F", String(frame), ...window, "+Mp", "+wi", "+op", file, out], { stdio: ["ignore", "ignore", "pipe"] });
  return readPnm(readFileSync(out));
}

/** The header line dcmtk prints for an element, such as `(0028,0004) CS [MONOCHROME2]`, or undefined. */
export function dumpElement(file: string, tag: string): string | undefined {
  const result = spawnSync("dcmdump", ["-q", "+P", tag, file], { encoding: "utf8" });
  const line = result.stdout.split("\n").find((l) => l.trim().startsWith(`(${tag.toLowerCase()})`) || l.trim().startsWith(`(${tag})`));
  return line?.trim();
}
