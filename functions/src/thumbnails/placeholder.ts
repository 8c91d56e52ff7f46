import { GLYPH_HEIGHT, GLYPH_WIDTH, isGlyphInk } from "./bitmap-font";
import type { RgbaImage } from "./window";

const BACKGROUND = 0x40;
const INK = 0xc8;
/** One blank column between characters. */
const ADVANCE = GLYPH_WIDTH + 1;

/**
 * A square grey tile with the modality written across its middle, shown
 * where an image cannot be decoded so that a study list still reads well.
 */
export function buildPlaceholderImage(size: number, label: string): RgbaImage {
  const text = label.slice(0, 8) || "?";
  const data = new Uint8Array(size * size * 4).fill(BACKGROUND);
  for (let i = 3; i < data.length; i += 4) data[i] = 255;
  const textWidth = text.length * ADVANCE - 1;
  // Integer scaling keeps the glyphs crisp; the text takes at most 60% of the width.
  const scale = Math.max(1, Math.floor(Math.min((size * 0.6) / textWidth, (size * 0.4) / GLYPH_HEIGHT)));
  const left = Math.floor((size - textWidth * scale) / 2);
  const top = Math.floor((size - GLYPH_HEIGHT * scale) / 2);
  for (let c = 0; c < text.length; c++) {
    for (let gy = 0; gy < GLYPH_HEIGHT; gy++) {
      for (let gx = 0; gx < GLYPH_WIDTH; gx++) {
        if (!isGlyphInk(text[c]!, gx, gy)) continue;
        fillSquare(data, size, left + (c * ADVANCE + gx) * scale, top + gy * scale, scale);
      }
    }
  }
  return { width: size, height: size, data, grey: true };
}

function fillSquare(data: Uint8Array, size: number, x0: number, y0: number, side: number): void {
  for (let y = Math.max(0, y0); y < Math.min(size, y0 + side); y++) {
    for (let x = Math.max(0, x0); x < Math.min(size, x0 + side); x++) data.fill(INK, (y * size + x) * 4, (y * size + x) * 4 + 3);
  }
}
