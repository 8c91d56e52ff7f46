/**
 * A minimal JPEG lossless encoder for tests (ITU T.81 Annex H, process 14,
 * selection value 1, one greyscale component): no library writes these, and
 * a fixture should not be a binary file. Every difference category (0..16)
 * gets a 5-bit Huffman code.
 */
export function encodeJpegLossless(samples: ArrayLike<number>, width: number, height: number, precision: number): Uint8Array {
  const bits = new BitWriter();
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const prediction = x > 0 ? samples[i - 1]! : y > 0 ? samples[i - width]! : 1 << (precision - 1);
      // Differences are taken modulo 2^16 (H.1.2.1), then coded as a category and extra bits.
      let diff = ((samples[i]! - prediction) << 16) >> 16;
      const category = diff === -32768 ? 16 : diff === 0 ? 0 : Math.floor(Math.log2(Math.abs(diff))) + 1;
      bits.write(category, 5);
      if (category > 0 && category < 16) {
        if (diff < 0) diff += (1 << category) - 1;
        bits.write(diff, category);
      }
    }
  }
  const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
  const counts = Array.from({ length: 16 }, (_, i) => (i === 4 ? 17 : 0));
  return Uint8Array.from([
    0xff, 0xd8,
    ...segment(0xc3, [precision, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [0x00, ...counts, ...Array.from({ length: 17 }, (_, i) => i)]),
    ...segment(0xda, [1, 1, 0x00, 1, 0, 0]),
    ...bits.finish(),
    0xff, 0xd9,
  ]);
}

class BitWriter {
  private readonly bytes: number[] = [];
  private current = 0;
  private count = 0;

  write(value: number, length: number): void {
    for (let b = length - 1; b >= 0; b--) {
      this.current = (this.current << 1) | ((value >> b) & 1);
      if (++this.count === 8) this.flush();
    }
  }

  /** Pads the last byte with ones (F.1.2.3) and returns the entropy-coded bytes. */
  finish(): number[] {
    while (this.count !== 0) this.write(1, 1);
    return this.bytes;
  }

  private flush(): void {
    this.bytes.push(this.current);
    // A 0xFF byte in entropy-coded data is followed by a stuffed zero (F.1.2.3).
    if (this.current === 0xff) this.bytes.push(0);
    this.current = 0;
    this.count = 0;
  }
}
