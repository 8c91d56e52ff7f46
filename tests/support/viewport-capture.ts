/**
 * Reading what an OHIF viewport shows: waits until the cornerstone canvas
 * has drawn something and stopped changing, then returns it as a raster.
 */
import type { Page } from "playwright-core";
import type { Raster } from "./image-compare";

/** A cheap fingerprint of the first viewport canvas: its size, a sum of sampled pixels, and whether any is not black. */
function fingerprint(page: Page): Promise<{ key: string; drawn: boolean } | null> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>("canvas.cornerstone-canvas");
    const context = canvas && canvas.width > 0 ? canvas.getContext("2d") : null;
    if (!canvas || !context) return null;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let sum = 0;
    let drawn = false;
    for (let i = 0; i < data.length; i += 4 * 7) {
      sum = (sum + data[i]! * 3 + data[i + 1]! * 5 + data[i + 2]! * 7) % 1_000_000_007;
      if (data[i]! > 0 || data[i + 1]! > 0 || data[i + 2]! > 0) drawn = true;
    }
    return { key: `${canvas.width}x${canvas.height}:${sum}`, drawn };
  });
}

/**
 * Waits until the viewport has drawn (any non-black pixel; or, with
 * `allowBlack`, for an image that is black all over, simply a canvas that has
 * existed for a while) and shows the same picture for `stablePolls` polls in a
 * row. Returns false on timeout.
 */
export async function waitForSteadyViewport(page: Page, timeoutMs: number, { stablePolls = 3, allowBlack = false } = {}): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  let same = 0;
  let canvasSince: number | undefined;
  while (Date.now() < deadline) {
    const print = await fingerprint(page);
    if (print) canvasSince ??= Date.now();
    const ready = print !== null && (print.drawn || (allowBlack && Date.now() - canvasSince! > 3000));
    if (ready && print.key === last) same += 1;
    else same = 0;
    last = print?.key ?? "";
    if (same >= stablePolls) return true;
    await page.waitForTimeout(400);
  }
  return false;
}

/** The first viewport canvas as an RGBA raster (empty when there is none). */
export async function captureViewport(page: Page): Promise<Raster> {
  const { width, height, base64 } = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>("canvas.cornerstone-canvas");
    const context = canvas && canvas.width > 0 ? canvas.getContext("2d") : null;
    if (!canvas || !context) return { width: 0, height: 0, base64: "" };
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    let binary = "";
    for (let i = 0; i < data.length; i += 0x8000) binary += String.fromCharCode(...data.subarray(i, i + 0x8000));
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  });
  return { width, height, channels: 4, data: Buffer.from(base64, "base64") };
}
