/**
 * A DICOM RLE encoder for tests (PS3.5 Annex G): one PackBits segment per
 * byte plane, most significant byte first. Runs of three or more equal bytes
 * are replicated, the rest written as literals.
 */
export function encodeRleFrame(samples: ArrayLike<number>, bytesPerSample: number, samplesPerPixel: number): Uint8Array {
  const pixelCount = samples.length / samplesPerPixel;
  const segments: Uint8Array[] = [];
  for (let s = 0; s < samplesPerPixel; s++) {
    for (let b = bytesPerSample - 1; b >= 0; b--) {
      const plane = Uint8Array.from({ length: pixelCount }, (_, i) => (samples[i * samplesPerPixel + s]! >> (8 * b)) & 0xff);
      segments.push(packBits(plane));
    }
  }
  const header = new DataView(new ArrayBuffer(64));
  header.setUint32(0, segments.length, true);
  let offset = 64;
  segments.forEach((segment, i) => {
    header.setUint32(4 + i * 4, offset, true);
    offset += segment.length;
  });
  return Buffer.concat([new Uint8Array(header.buffer), ...segments]);
}

function packBits(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    let run = 1;
    while (i + run < bytes.length && run < 128 && bytes[i + run] === bytes[i]) run++;
    if (run >= 3) {
      out.push(257 - run, bytes[i]!);
      i += run;
      continue;
    }
    const start = i;
    while (i < bytes.length && i - start < 128 && !(bytes[i] === bytes[i + 1] && bytes[i] === bytes[i + 2])) i++;
    if (i === start) i++;
    out.push(i - start - 1, ...bytes.subarray(start, i));
  }
  // Segments are padded to an even length.
  if (out.length % 2) out.push(0x80);
  return Uint8Array.from(out);
}
