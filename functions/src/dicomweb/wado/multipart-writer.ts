import { randomBytes } from "node:crypto";
import type { Readable, Writable } from "node:stream";

/**
 * Writes a `multipart/related` body (RFC 2387 over RFC 2046 §5.1) part by
 * part to a stream, waiting for the stream to drain, so a study goes out one
 * stored file at a time and is never held whole in memory.
 *
 * Owned rather than taken from a library: writing is a boundary line, a few
 * header lines and the bytes, and the libraries we looked at either build the
 * whole body in memory (dicomweb-client's `multipartEncode` returns one
 * ArrayBuffer) or only parse (@mjackson/multipart-parser, which STOW uses).
 */
export class MultipartWriter {
  /** Random, so that no DICOM file's bytes can contain the delimiter by chance (RFC 2046 §5.1.1). */
  readonly boundary = `DICOMwebBoundary${randomBytes(16).toString("hex")}`;

  constructor(private readonly out: Writable) {}

  /** The response's Content-Type for parts of `partType` (PS3.18 §8.7.3.3.2). */
  contentType(partType: string): string {
    return `multipart/related; type="${partType}"; boundary=${this.boundary}`;
  }

  /**
   * The exact length of a body of these parts, for a Content-Length: a
   * response whose length is declared is not a "streaming" one to Cloud Run,
   * so the plain response cap applies (retrieve-instances.ts).
   */
  measureBody(parts: Array<{ headers: Record<string, string>; length: number }>): number {
    const close = Buffer.byteLength(`--${this.boundary}--\r\n`, "latin1");
    return parts.reduce((sum, part) => sum + this.buildPartHead(part.headers).length + part.length + 2, close);
  }

  /**
   * One part: headers, then the body as bytes or as a stream read through.
   * A stream must give exactly `expectedLength` bytes when it is given: a
   * declared Content-Length must not be broken silently.
   */
  async writePart(headers: Record<string, string>, body: Uint8Array | Readable, expectedLength?: number): Promise<void> {
    await this.write(this.buildPartHead(headers));
    if (body instanceof Uint8Array) {
      await this.write(body);
    } else {
      let length = 0;
      for await (const chunk of body) {
        length += (chunk as Uint8Array).length;
        await this.write(chunk as Uint8Array);
      }
      if (expectedLength !== undefined && length !== expectedLength) {
        throw new Error(`a part was ${length} bytes where ${expectedLength} were announced`);
      }
    }
    await this.write(Buffer.from("\r\n", "latin1"));
  }

  private buildPartHead(headers: Record<string, string>): Buffer {
    const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join("");
    return Buffer.from(`--${this.boundary}\r\n${head}\r\n`, "latin1");
  }

  /** The close delimiter, then the end of the stream. */
  async end(): Promise<void> {
    await this.write(Buffer.from(`--${this.boundary}--\r\n`, "latin1"));
    this.out.end();
  }

  private async write(chunk: Uint8Array): Promise<void> {
    if (this.out.destroyed) throw new Error("the client went away before the multipart body was complete");
    if (!this.out.write(chunk)) await waitForDrain(this.out);
  }
}

/** Resolves on "drain"; rejects when the stream closes first (a client that hung up never drains). */
function waitForDrain(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => settle(resolve);
    const onClose = () => settle(() => reject(new Error("the client went away before the multipart body was complete")));
    const settle = (then: () => void) => {
      out.off("drain", onDrain);
      out.off("close", onClose);
      then();
    };
    out.on("drain", onDrain);
    out.on("close", onClose);
  });
}
