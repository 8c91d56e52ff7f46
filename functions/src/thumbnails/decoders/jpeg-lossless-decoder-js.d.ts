// jpeg-lossless-decoder-js 2.x names release/lossless.d.ts in its package.json but does not ship it.
declare module "jpeg-lossless-decoder-js" {
  export class Decoder {
    constructor(buffer?: ArrayBuffer | null, numBytes?: number);
    /** Returns Uint8Array samples when numBytes is 1, else Uint16Array. */
    decode(buffer: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}
