import charlsFactory from "@cornerstonejs/codec-charls/wasmjs";
import openjpegFactory from "@cornerstonejs/codec-openjpeg/wasmjs";
import openjphFactory from "@cornerstonejs/codec-openjph/wasmjs";

/** The encoder half of the codecs' embind API. */
export interface TestEncoder {
  getDecodedBuffer(frameInfo: object): Uint8Array;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

/**
 * JPEG-LS and JPEG 2000 encoders for tests, from the same packages as the
 * decoders (their full builds include CharLS's and OpenJPEG's encoders).
 * Greyscale, unsigned, lossless.
 */
export async function encodeWithCodec(
  codec: "jpeg-ls" | "jpeg-2000" | "htj2k",
  samples: Uint16Array,
  width: number,
  height: number,
): Promise<Uint8Array> {
  const quiet = { print: () => undefined, printErr: () => undefined };
  const encoder: TestEncoder =
    codec === "jpeg-ls"
      ? new (await charlsFactory(quiet)).JpegLSEncoder()
      : codec === "htj2k"
        ? // The OpenJPH build holds the encoder too; its typings (cornerstone-codecs.d.ts) name only the decoder.
          new ((await openjphFactory(quiet)) as unknown as { HTJ2KEncoder: new () => TestEncoder }).HTJ2KEncoder()
        : new (await openjpegFactory(quiet)).J2KEncoder();
  try {
    const frameInfo = { width, height, bitsPerSample: 16, componentCount: 1, isSigned: false, isUsingColorTransform: false };
    const input = encoder.getDecodedBuffer(frameInfo);
    new Uint16Array(input.buffer, input.byteOffset, samples.length).set(samples);
    encoder.encode();
    // A copy out of wasm memory, as a plain Uint8Array (CharLS hands out a Uint8ClampedArray view).
    return new Uint8Array(encoder.getEncodedBuffer());
  } finally {
    encoder.delete();
  }
}
