/**
 * Loads an Emscripten codec factory once per runtime. The cornerstone codec
 * packages export a factory that returns a promise of the module, which
 * finds its .wasm next to its .js (the packages stay external in the bundle).
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error: unknown) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}

/** Emscripten module options: where stdout and stderr go. */
export interface EmscriptenOptions {
  print?: (text: string) => void;
  printErr?: (text: string) => void;
}

/**
 * Options that silence a module: OpenJPEG logs every tile it decodes, and
 * thumbnails report failures as values instead. Fresh per module, since
 * Emscripten turns the options object into the module itself.
 */
export function buildQuietOptions(): EmscriptenOptions {
  return { print: () => undefined, printErr: () => undefined };
}

/** The decoder shape shared by codec-charls and codec-openjpeg (embind objects). */
export interface EmscriptenDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned?: boolean };
  delete(): void;
}

/** Copies the encoded bytes into wasm memory, decodes, and copies the samples back out before freeing. */
export function runDecoder<D extends EmscriptenDecoder, E>(decoder: D, frameBytes: Uint8Array, readExtra: (decoder: D) => E) {
  try {
    decoder.getEncodedBuffer(frameBytes.length).set(frameBytes);
    decoder.decode();
    const frameInfo = decoder.getFrameInfo();
    return { frameInfo, bytes: decoder.getDecodedBuffer().slice(), extra: readExtra(decoder) };
  } finally {
    decoder.delete();
  }
}
