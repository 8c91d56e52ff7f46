// The cornerstone codec packages ship Emscripten builds without type declarations.
declare module "@cornerstonejs/codec-charls/decodewasmjs" {
  import type { EmscriptenDecoder, EmscriptenOptions } from "./wasm-codec";
  const factory: (options?: EmscriptenOptions) => Promise<{ JpegLSDecoder: new () => EmscriptenDecoder & { getInterleaveMode(): number } }>;
  export default factory;
}
declare module "@cornerstonejs/codec-openjpeg/decodewasmjs" {
  import type { EmscriptenDecoder, EmscriptenOptions } from "./wasm-codec";
  const factory: (options?: EmscriptenOptions) => Promise<{ J2KDecoder: new () => EmscriptenDecoder }>;
  export default factory;
}
declare module "@cornerstonejs/codec-openjph/wasmjs" {
  import type { EmscriptenDecoder, EmscriptenOptions } from "./wasm-codec";
  const factory: (options?: EmscriptenOptions) => Promise<{ HTJ2KDecoder: new () => EmscriptenDecoder }>;
  export default factory;
}
