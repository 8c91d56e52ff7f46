// Full (encoder + decoder) builds of the cornerstone codecs, used only by tests.
declare module "@cornerstonejs/codec-charls/wasmjs" {
  import type { TestEncoder } from "./encode-wasm";
  const factory: (options?: object) => Promise<{ JpegLSEncoder: new () => TestEncoder }>;
  export default factory;
}
declare module "@cornerstonejs/codec-openjpeg/wasmjs" {
  import type { TestEncoder } from "./encode-wasm";
  const factory: (options?: object) => Promise<{ J2KEncoder: new () => TestEncoder }>;
  export default factory;
}
