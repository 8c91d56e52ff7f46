/**
 * Opening one stored instance alone in the real OHIF and comparing what it
 * draws with a reference rendering. The study's own manifest comes from our
 * API; it is cut down to that one instance (same signed URL, same metadata)
 * and served from another local origin, so that a failure names one file.
 * Multi-frame images are also stepped to their second frame, as cine does.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { InstanceMetadata } from "@pacs/shared";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { PNG } from "pngjs";
import { webUrl } from "./emulators";
import { greyStats, matchViewport, sampleGrid, toGrey, type Raster } from "./image-compare";
import type { Uploader } from "./ingest-client";
import { captureViewport, waitForSteadyViewport } from "./viewport-capture";

/** Below this the viewport is not the same picture: a wrong byte order or colour model scores far lower. */
export const MIN_CORRELATION = 0.9;

export interface Verdict {
  text: string;
  ok: boolean;
}

/** A rendering of one frame by an independent decoder (or from a fixture's source samples). */
export interface Reference {
  raster: Raster;
  decoder: string;
}

/**
 * The reference renderings of one frame (1-based), at least one. Where two
 * independent decoders disagree with each other (a file both read differently),
 * the viewer passes if it matches either, and the table names which.
 */
export type ReferenceFor = (frame: number) => Reference[];

export interface ManifestServer {
  server: Server;
  /** Serves `json` at a new URL and returns it. */
  put(json: unknown): string;
  close(): Promise<void>;
}

/** Serves single-instance manifests from another origin, with CORS as Storage sends for signed URLs. */
export async function startManifestServer(): Promise<ManifestServer> {
  const manifests = new Map<string, string>();
  const server = createServer((request, response) => {
    response.setHeader("Access-Control-Allow-Origin", "*");
    const body = manifests.get(request.url ?? "");
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { "Content-Type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    put: (json) => {
      const key = `/m/${manifests.size}.json`;
      manifests.set(key, JSON.stringify(json));
      return `http://127.0.0.1:${port}${key}`;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export async function fetchManifest(user: Uploader, studyUID: string): Promise<any> {
  const response = await fetch(webUrl(`/api/studies/${studyUID}/manifest`), { headers: { Authorization: `Bearer ${user.idToken}` } });
  if (!response.ok) throw new Error(`manifest of ${studyUID}: HTTP ${response.status}`);
  return response.json();
}

/**
 * The study manifest with only the series and instance `sopInstanceUID` (all
 * its entries: a multi-frame instance has one per frame), or undefined when
 * the archive does not list it.
 */
export function cutToInstance(manifest: any, sopInstanceUID: string): any {
  const [study] = manifest.studies;
  for (const series of study.series) {
    const entries = series.instances.filter((i: any) => i.metadata.SOPInstanceUID === sopInstanceUID);
    if (entries.length > 0) return { studies: [{ ...study, NumInstances: 1, series: [{ ...series, instances: entries }] }] };
  }
  return undefined;
}

/** Which image of its stack the viewport shows, from OHIF's overlay ("I:7 (2/3)"): 1-based. */
export async function readStackPosition(page: Page): Promise<{ index: number; total: number } | undefined> {
  const text = await page.locator(".viewport-overlay, [class*='overlay']").allInnerTexts().catch(() => [] as string[]);
  const match = text.join(" ").match(/\((\d+)\/(\d+)\)/);
  return match ? { index: Number(match[1]), total: Number(match[2]) } : undefined;
}

/** The image's displayed width over height, with and without its pixel spacing (viewers differ on which they use). */
function aspects(instance: InstanceMetadata): number[] {
  const { Rows, Columns, PixelSpacing } = instance;
  const plain = Columns! / Rows!;
  return PixelSpacing ? [plain, (Columns! * PixelSpacing[1]!) / (Rows! * PixelSpacing[0]!)] : [plain];
}

/**
 * With PACS_VIEWER_DEBUG_DIR set, each compared viewport and reference is saved
 * there as PNG (named by SOP Instance UID and frame), to look at a failure.
 */
function saveForDebugging(raster: Raster, name: string): void {
  const dir = process.env.PACS_VIEWER_DEBUG_DIR;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  const png = new PNG({ width: raster.width, height: raster.height });
  for (let i = 0; i < raster.width * raster.height; i += 1) {
    const c = raster.channels;
    const [r, g, b] = c >= 3 ? [raster.data[i * c]!, raster.data[i * c + 1]!, raster.data[i * c + 2]!] : [raster.data[i]!, raster.data[i]!, raster.data[i]!];
    png.data.set([r, g, b, 255], i * 4);
  }
  writeFileSync(join(dir, `${name}.png`), PNG.sync.write(png));
}

function renderOrExplain(referenceFor: ReferenceFor, frame: number): Reference[] | Verdict {
  try {
    const references = referenceFor(frame);
    if (references.length === 0) throw new Error("no decoder could render it");
    return references;
  } catch (error) {
    return { text: `no reference rendering of frame ${frame}: ${(error as Error).message.split("\n").slice(-2).join(" ")}`, ok: false };
  }
}

function isFlat(references: Reference[]): boolean {
  return greyStats(references[0]!.raster).std < 1;
}

/** The best verdict over the references: the viewer agrees with at least one independent decoder. */
function compare(viewport: Raster, instance: InstanceMetadata, references: Reference[], frame: number): Verdict {
  saveForDebugging(viewport, `${instance.SOPInstanceUID}-f${frame}-viewport`);
  const verdicts = references.map((reference) => {
    saveForDebugging(reference.raster, `${instance.SOPInstanceUID}-f${frame}-reference-${reference.decoder.replace(/\W+/g, "-")}`);
    return compareOne(viewport, instance, reference, frame);
  });
  return verdicts.find((v) => v.ok) ?? verdicts[0]!;
}

function compareOne(viewport: Raster, instance: InstanceMetadata, reference: Reference, frame: number): Verdict {
  const matches = aspects(instance).map((aspect) => matchViewport(viewport, reference.raster, aspect));
  if (isFlat([reference])) {
    // One grey level all over: compare the level where the image is, since a correlation needs contrast.
    const expected = greyStats(reference.raster).mean;
    const shown = meanOver(viewport, matches[0]!.region);
    return { text: `flat frame ${frame}: level ${shown.toFixed(0)} vs ${expected.toFixed(0)} (${reference.decoder})`, ok: Math.abs(shown - expected) < 40 };
  }
  const best = matches.reduce((a, b) => (b.correlation > a.correlation ? b : a));
  const text = `frame ${frame} r=${best.correlation.toFixed(3)} vs ${reference.decoder}`;
  if (best.correlation >= MIN_CORRELATION) return { text, ok: true };
  // A nearly flat picture (a white page with specks): correlation measures noise there, so compare levels directly.
  const { std } = greyStats(reference.raster);
  if (std >= LOW_CONTRAST_STD) return { text, ok: false };
  const difference = meanAbsoluteDifference(viewport, reference.raster, best.region);
  return { text: `${text}; low contrast, mean difference ${difference.toFixed(1)} levels`, ok: difference <= MAX_LOW_CONTRAST_DIFFERENCE };
}

/** Below this spread of grey levels (of 255) a picture is compared by level, not correlation. */
const LOW_CONTRAST_STD = 12;
const MAX_LOW_CONTRAST_DIFFERENCE = 6;

function meanAbsoluteDifference(viewport: Raster, reference: Raster, region: { x: number; y: number; width: number; height: number }): number {
  const grid = 16;
  const shown = sampleGrid(toGrey(viewport), viewport.width, viewport.height, region, grid, grid);
  const expected = sampleGrid(toGrey(reference), reference.width, reference.height, { x: 0, y: 0, width: reference.width, height: reference.height }, grid, grid);
  let sum = 0;
  for (let i = 0; i < shown.length; i += 1) sum += Math.abs(shown[i]! - expected[i]!);
  return sum / shown.length;
}

/** Mean grey level of a raster inside a region. */
function meanOver(raster: Raster, region: { x: number; y: number; width: number; height: number }): number {
  const grid = sampleGrid(toGrey(raster), raster.width, raster.height, region, 16, 16);
  return grid.reduce((a, b) => a + b, 0) / grid.length;
}

/**
 * Opens the manifest in OHIF and compares the frame it shows with that
 * frame's reference; a multi-frame image is then scrolled one frame on (the
 * mouse wheel, as a user scrolls a cine) and the next frame is compared too.
 * The frame shown is read from OHIF's overlay, since its layout may open a
 * cine on any frame.
 */
export async function viewAndCompare(page: Page, manifestUrl: string, instance: InstanceMetadata, referenceFor: ReferenceFor): Promise<Verdict> {
  const frames = instance.NumberOfFrames ?? 1;
  await page.goto(webUrl(`/ohif/viewer/dicomjson?url=${encodeURIComponent(manifestUrl)}`));
  const shown = await showFrame(page, frames, referenceFor, 30_000);
  if ("ok" in shown) return shown;
  const first = compare(shown.view, instance, shown.reference, shown.frame);
  if (!first.ok || frames < 2) return first;

  const box = (await page.locator("canvas.cornerstone-canvas").first().boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, shown.frame < frames ? 120 : -120);
  await page.waitForTimeout(1000);
  const next = await showFrame(page, frames, referenceFor, 15_000);
  if ("ok" in next) return { text: `${first.text}; ${next.text}`, ok: false };
  if (next.frame === shown.frame) return { text: `${first.text}; scrolling stayed on frame ${shown.frame}`, ok: false };
  const second = compare(next.view, instance, next.reference, next.frame);
  return { text: `${first.text}; ${second.text}`, ok: second.ok };
}

/** Waits for the viewport to settle, reads which frame it shows, renders that frame's reference and captures the viewport. */
async function showFrame(page: Page, frames: number, referenceFor: ReferenceFor, timeoutMs: number): Promise<{ frame: number; reference: Reference[]; view: Raster } | Verdict> {
  const deadline = Date.now() + timeoutMs;
  // The overlay may lag the first draw; a single-frame image is frame 1 whatever it says.
  let frame = 1;
  if (frames > 1) {
    let position = await readStackPosition(page);
    while (!position && Date.now() < deadline) {
      await page.waitForTimeout(300);
      position = await readStackPosition(page);
    }
    if (!position) return { text: "OHIF shows no frame position for a multi-frame image", ok: false };
    frame = position.index;
  }
  const reference = renderOrExplain(referenceFor, frame);
  if ("ok" in reference) return reference;
  if (!(await waitForSteadyViewport(page, Math.max(1000, deadline - Date.now()), { allowBlack: isFlat(reference) }))) {
    return { text: `frame ${frame} not drawn in ${Math.round(timeoutMs / 1000)} s`, ok: false };
  }
  return { frame, reference, view: await captureViewport(page) };
}

export interface ViewRow {
  name: string;
  transferSyntax: string;
  photometric: string;
  frames: number;
  verdict: Verdict;
}

export function printViewTable(title: string, rows: ViewRow[]): void {
  const header = ["file", "transfer syntax", "photometric", "frames", "result"];
  const status = (v: Verdict) => (v.ok ? "PASS" : v.text.startsWith("no reference rendering") ? "UNVERIFIED" : "FAIL");
  const lines = rows.map((r) => [r.name, r.transferSyntax, r.photometric, String(r.frames), `${status(r.verdict)} ${r.verdict.text}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
  const passed = rows.filter((r) => r.verdict.ok).length;
  console.log([`${title}: ${passed} of ${rows.length} drawn and matching (r ≥ ${MIN_CORRELATION})`, format(header), ...lines.map(format)].join("\n"));
}
