/**
 * Seeing an image in OHIF from a browser test: a CT slice with a gradient
 * (so a rendered image has many grey levels, a blank viewport one), and a
 * count of the grey levels the viewport canvas shows.
 */
import type { Page } from "playwright-core";
import { buildZip } from "../../functions/src/ingest/archive/testing/zip-fixtures";
import { buildCtElements, buildDicomFile, type DicomElementSpec } from "../../functions/src/ingest/testing/build-dicom";
import { uniqueUID } from "../../functions/src/ingest/testing/build-study";

export const GRADIENT_SIZE = 64;

/** A diagonal gradient from about -200 to +200 HU: inside the 40/400 window, so every shade differs. */
export function buildGradientPixels(): Uint8Array {
  const pixels = new Uint16Array(GRADIENT_SIZE * GRADIENT_SIZE);
  for (let y = 0; y < GRADIENT_SIZE; y += 1) {
    for (let x = 0; x < GRADIENT_SIZE; x += 1) pixels[y * GRADIENT_SIZE + x] = 824 + Math.round(((x + y) * 400) / (2 * GRADIENT_SIZE - 2));
  }
  return new Uint8Array(pixels.buffer);
}

/** A 64×64 CT slice with the gradient; `overrides` set its UIDs, patient, position... */
export function buildGradientCt(overrides: DicomElementSpec[]): Uint8Array {
  const elements = buildCtElements([
    { tag: "00280010", vr: "US", value: GRADIENT_SIZE },
    { tag: "00280011", vr: "US", value: GRADIENT_SIZE },
    { tag: "00281050", vr: "DS", value: "40" },
    { tag: "00281051", vr: "DS", value: "400" },
    ...overrides,
  ]);
  return buildDicomFile(elements, { pixelData: buildGradientPixels() });
}

/** How many distinct grey levels the first viewport canvas shows (0 while there is none). */
export function countCanvasShades(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>("canvas.cornerstone-canvas");
    const context = canvas && canvas.width > 0 ? canvas.getContext("2d") : null;
    if (!canvas || !context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const shades = new Set<number>();
    for (let i = 0; i < data.length; i += 4) shades.add(data[i]!);
    return shades.size;
  });
}

/** Polls the viewport until it shows more than `minimum` grey levels: the image, not a blank canvas. */
export async function waitForShades(page: Page, minimum: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await countCanvasShades(page)) <= minimum) {
    if (Date.now() > deadline) throw new Error(`the OHIF viewport showed no image within ${timeoutMs} ms`);
    await page.waitForTimeout(500);
  }
}

/** Grey levels shown by each viewport canvas, in page order (MPR has three). */
export function countShadesPerViewport(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLCanvasElement>("canvas.cornerstone-canvas")].map((canvas) => {
      const context = canvas.width > 0 ? canvas.getContext("2d") : null;
      if (!context) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      const shades = new Set<number>();
      for (let i = 0; i < data.length; i += 4) shades.add(data[i]!);
      return shades.size;
    }),
  );
}

/** A new study of `count` gradient slices of one series for `patientName`, zipped as `IM1.dcm`...: its UID and the ZIP. */
export async function buildGradientStudyZip(patientName: string, count: number): Promise<{ study: string; zip: Uint8Array }> {
  const study = uniqueUID();
  const series = uniqueUID();
  const slices = Array.from({ length: count }, (_, i) =>
    buildGradientCt([
      { tag: "0020000D", vr: "UI", value: study },
      { tag: "0020000E", vr: "UI", value: series },
      { tag: "00080018", vr: "UI", value: uniqueUID() },
      { tag: "00200013", vr: "IS", value: String(i + 1) },
      { tag: "00100010", vr: "PN", value: patientName },
    ]),
  );
  return { study, zip: await buildZip(Object.fromEntries(slices.map((bytes, i) => [`IM${i + 1}.dcm`, bytes]))) };
}
