import { createDeflateRaw } from "node:zlib";
import { buildDataSetBytes, buildElementBytes, buildMetaGroup, buildCtElements, TRANSFER_SYNTAX, type DicomElementSpec } from "./build-dicom";

const MiB = 1024 * 1024;

/**
 * A Part 10 file in Deflated Explicit VR Little Endian whose data set holds a
 * private OB element of `zeroMebibytes` zeros *before* the patient: a parser
 * must inflate all of it to reach PatientName. The deflated stream is built a
 * mebibyte at a time, so the test holds ~1/1000 of what the bomb expands to.
 */
export async function buildDeflatedDicomBomb(zeroMebibytes: number, elements: DicomElementSpec[] = buildCtElements()): Promise<Buffer> {
  const before = elements.filter((e) => e.tag.localeCompare("00090010") < 0);
  const after = elements.filter((e) => e.tag.localeCompare("00090010") > 0);
  // Not a round number: dicomParser's own Part 10 path misreads some round lengths before inflating anything.
  const padding = zeroMebibytes * MiB + 2;
  // (0009,1000) OB with a 32-bit length: header written by hand, the value streamed.
  const header = buildElementBytes({ tag: "00091000", vr: "OB", value: new Uint8Array(0) }, true);
  new DataView(header.buffer, header.byteOffset).setUint32(8, padding, true);

  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (chunk: Buffer) => out.push(chunk));
  const write = async (bytes: Uint8Array) => {
    if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once("drain", resolve));
  };
  await write(buildDataSetBytes([...before, { tag: "00090010", vr: "LO", value: "PADDING" }], true));
  await write(header);
  const zeros = Buffer.alloc(MiB);
  for (let i = 0; i < zeroMebibytes; i++) await write(zeros);
  await write(zeros.subarray(0, 2));
  await write(buildDataSetBytes(after, true));
  // "end" (the last output read), not end()'s callback ("finish", input accepted): the tail may still be pending then.
  await new Promise((resolve) => {
    deflate.once("end", resolve);
    deflate.end();
  });

  const sopClass = String(elements.find((e) => e.tag === "00080016")?.value ?? "");
  const sopInstance = String(elements.find((e) => e.tag === "00080018")?.value ?? "");
  const meta = buildMetaGroup(TRANSFER_SYNTAX.deflatedExplicitLittle, sopClass, sopInstance);
  return Buffer.concat([Buffer.alloc(128), Buffer.from("DICM", "latin1"), meta, ...out]);
}
