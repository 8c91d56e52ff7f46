/**
 * Opening one stored instance alone in the real OHIF and comparing what it
 * draws with a reference rendering. The study's own manifest comes from our
 * API; it is cut down to that one instance (same signed URL, same metadata)
 * and served from another local origin, so that a failure names one file.
 * Multi-frame images are also stepped to their second frame, as cine does.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { InstanceMetadata } from "@pacs/shared";
import type { Page } from "playwright-core";
import { webUrl } from "./emulators";
import { greyStats, matchViewport, type Raster } from "./image-compare";
import type { Uploader } from "./ingest-client";
import { captureViewport, waitForSteadyViewport } from "./viewport-capture";

/** Below this the viewport is not the same picture: a wrong byte order or colour model scores far lower. */
export const MIN_CORRELATION = 0.9;

export interface Verdict {
  text: string;
  ok: boolean;
}

/** A reference rendering of one frame (1-based), with the name of what made it. */
export type ReferenceFor = (frame: number) => { raster: Raster; decoder: string };

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

/** The study manifest with only the series and instance `sopInstanceUID`, or undefined when the archive does not list it. */
export function cutToInstance(manifest: any, sopInstanceUID: string): any {
  const [study] = manifest.studies;
  for (const series of study.series) {
    const instance = series.instances.find((i: any) => i.metadata.SOPInstanceUID === sopInstanceUID);
    if (instance) return { studies: [{ ...study, NumInstances: 1, series: [{ ...series, instances: [instance] }] }] };
  }
  return undefined;
}

/** The image's displayed width over height, with and without its pixel spacing (viewers differ on which they use). */
function aspects(instance: InstanceMetadata): number[] {
  const { Rows, Columns, PixelSpacing } = instance;
  const plain = Columns! / Rows!;
  return PixelSpacing ? [plain, (Columns! * PixelSpacing[1]!) / (Rows! * PixelSpacing[0]!)] : [plain];
}

function compare(viewport: Raster, instance: InstanceMetadata, referenceFor: ReferenceFor, frame: number): Verdict {
  let reference;
  try {
    reference = referenceFor(frame);
  } catch (error) {
    return { text: `no reference rendering: ${(error as Error).message.split("\n").slice(-2).join(" ")}`, ok: false };
  }
  if (greyStats(reference.raster).std < 1) return { text: `flat frame ${frame} (${reference.decoder}), not compared`, ok: true };
  const correlation = Math.max(...aspects(instance).map((aspect) => matchViewport(viewport, reference.raster, aspect).correlation));
  return { text: `r=${correlation.toFixed(3)} vs ${reference.decoder}`, ok: correlation >= MIN_CORRELATION };
}

/** Opens the manifest in OHIF, compares frame 1 and, for multi-frame images, frame 2 after one step. */
export async function viewAndCompare(page: Page, manifestUrl: string, instance: InstanceMetadata, referenceFor: ReferenceFor): Promise<Verdict> {
  await page.goto(webUrl(`/ohif/viewer/dicomjson?url=${encodeURIComponent(manifestUrl)}`));
  if (!(await waitForSteadyViewport(page, 30_000))) return { text: "nothing drawn in 30 s", ok: false };
  const first = compare(await captureViewport(page), instance, referenceFor, 1);
  if (!first.ok || (instance.NumberOfFrames ?? 1) < 2) return first;
  // Cine: the next frame is decoded and drawn too.
  await page.locator("canvas.cornerstone-canvas").first().click();
  await page.keyboard.press("ArrowDown");
  await page.waitForTimeout(300);
  if (!(await waitForSteadyViewport(page, 15_000))) return { text: `${first.text}; frame 2 not drawn`, ok: false };
  const second = compare(await captureViewport(page), instance, referenceFor, 2);
  return { text: `${first.text}; frame 2 ${second.text}`, ok: second.ok };
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
  const lines = rows.map((r) => [r.name, r.transferSyntax, r.photometric, String(r.frames), `${r.verdict.ok ? "PASS" : "FAIL"} ${r.verdict.text}`]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ");
  const passed = rows.filter((r) => r.verdict.ok).length;
  console.log([`${title}: ${passed} of ${rows.length} drawn and matching (r ≥ ${MIN_CORRELATION})`, format(header), ...lines.map(format)].join("\n"));
}
