import { PassThrough, Readable, Writable } from "node:stream";
import { MultipartWriter } from "./multipart-writer";
import { readMultipart } from "./testing/read-multipart";

function collect(): { out: PassThrough; body: Promise<Buffer> } {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (chunk: Buffer) => chunks.push(chunk));
  return { out, body: new Promise((resolve) => out.on("end", () => resolve(Buffer.concat(chunks)))) };
}

it("writes parts from bytes and from streams that read back byte for byte, with their headers", async () => {
  const { out, body } = collect();
  const writer = new MultipartWriter(out);
  // Bytes that look like framing: CRLFs and dashes must not confuse a reader.
  const first = Buffer.from("\r\n--\r\n\r\nDICM\x00\xff", "latin1");
  const second = Buffer.alloc(200_000, 7);
  await writer.writePart({ "Content-Type": "application/dicom; transfer-syntax=1.2.840.10008.1.2.1" }, first);
  await writer.writePart({ "Content-Type": "application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50", "Content-Location": "x" }, Readable.from([second.subarray(0, 1000), second.subarray(1000)]));
  await writer.end();

  const written = await body;
  const measured = writer.measureBody([
    { headers: { "Content-Type": "application/dicom; transfer-syntax=1.2.840.10008.1.2.1" }, length: first.length },
    { headers: { "Content-Type": "application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50", "Content-Location": "x" }, length: second.length },
  ]);
  expect(measured).toBe(written.length);
  const parts = readMultipart(writer.contentType("application/dicom"), written);
  expect(parts.map((p) => p.headers)).toEqual([
    { "content-type": "application/dicom; transfer-syntax=1.2.840.10008.1.2.1" },
    { "content-type": "application/dicom; transfer-syntax=1.2.840.10008.1.2.4.50", "content-location": "x" },
  ]);
  expect(parts[0]!.body.equals(first)).toBe(true);
  expect(parts[1]!.body.equals(second)).toBe(true);
  expect(writer.contentType("application/octet-stream")).toBe(`multipart/related; type="application/octet-stream"; boundary=${writer.boundary}`);
});

it("writes an empty multipart body as the close delimiter alone", async () => {
  const { out, body } = collect();
  const writer = new MultipartWriter(out);
  await writer.end();
  expect((await body).toString("latin1")).toBe(`--${writer.boundary}--\r\n`);
});

it("waits for a slow client to drain instead of buffering, and fails when the client hangs up", async () => {
  let written = 0;
  const slow = new Writable({
    highWaterMark: 1024,
    write(chunk: Buffer, _encoding, done) {
      written += chunk.length;
      setTimeout(done, 1);
    },
  });
  const writer = new MultipartWriter(slow);
  await writer.writePart({}, Buffer.alloc(64 * 1024));
  expect(written).toBeGreaterThan(0);
  const pending = writer.writePart({}, Buffer.alloc(64 * 1024));
  slow.destroy();
  await expect(pending.then(() => writer.writePart({}, Buffer.alloc(10)))).rejects.toThrow(/client went away/);
});

it("fails a streamed part that is not the length announced, so a declared Content-Length is never broken silently", async () => {
  const writer = new MultipartWriter(collect().out);
  await expect(writer.writePart({}, Readable.from([Buffer.from("short")]), 6)).rejects.toThrow(/5 bytes where 6 were announced/);
});
