import { PNG } from "pngjs";
import type { RgbaImage } from "./window";

/** PNG, greyscale (colour type 0) when the image is grey, else RGB (type 2); no alpha. */
export function buildPng(image: RgbaImage): Uint8Array {
  const png = new PNG({ width: image.width, height: image.height });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  const buffer = PNG.sync.write(png, { colorType: image.grey ? 0 : 2, inputColorType: 6 });
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
