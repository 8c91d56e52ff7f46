import type { Request, Response } from "express";
import { callerOf } from "../dicomweb-caller";
import type { DicomwebDeps } from "../dicomweb-deps";
import { DicomwebError } from "../dicomweb-error";
import { findStoredInstance, type RetrieveTarget } from "./find-instances";
import { openPixelSource, parseFrameNumbers, readFrames } from "./frames";
import { MultipartWriter } from "./multipart-writer";
import { negotiateFrames } from "./negotiate";
import { withStoredInstance } from "./read-stored";
import { MAX_RESPONSE_BYTES, buildInstanceUrl } from "./retrieve-instances";
import { findFrameTransferSyntax } from "./transfer-syntaxes";

/** The one bulk data element we serve: Pixel Data, the BulkDataURI the metadata routes write. */
export const PIXEL_DATA_TAG = "7fe00010";

/**
 * WADO-RS frames (PS3.18 §10.4.1.1.4) and Pixel Data bulk data: one part per
 * frame, each part's Content-Type carrying its transfer syntax (Cornerstone
 * reads frames as Implicit VR Little Endian when it is missing).
 * `frameList` undefined means every frame (bulk data).
 */
export async function retrieveFrames(deps: DicomwebDeps, req: Request, res: Response, target: Required<RetrieveTarget>, frameList: string | undefined): Promise<void> {
  const { uid } = callerOf(res);
  const instance = await findStoredInstance(deps.db, uid, target);
  const { metadata } = instance;
  if (metadata.Rows === undefined) throw new DicomwebError(404, "This instance has no pixel data, so it has no frames.");
  const numberOfFrames = metadata.NumberOfFrames ?? 1;
  const frameNumbers = frameList === undefined ? Array.from({ length: numberOfFrames }, (_, i) => i + 1) : parseFrameNumbers(frameList, numberOfFrames);
  const frameSyntax = findFrameTransferSyntax(metadata.TransferSyntaxUID);
  const partType = negotiateFrames(req.get("accept"), frameSyntax);

  // The frames are views into the file's bytes: the file stays in memory until they are written.
  await withStoredInstance(deps.instancesBucket(), uid, instance, async (bytes) => {
    const frames = readFrames(openPixelSource(bytes), frameNumbers);
    const writer = new MultipartWriter(res);
    const base = buildInstanceUrl(deps.appOrigin(), metadata);
    const parts = frames.map((frame, index) => ({
      body: frame,
      length: frame.length,
      headers: { "Content-Type": `${partType}; transfer-syntax=${frameSyntax}`, "Content-Location": `${base}/frames/${frameNumbers[index]}` },
    }));
    const total = writer.measureBody(parts);
    if (total > MAX_RESPONSE_BYTES) {
      throw new DicomwebError(413, `These ${frames.length} frames are ${Math.ceil(total / 1_000_000)} MB, more than the ${MAX_RESPONSE_BYTES / 1_000_000} MB a response from this service may carry. Ask for fewer frames at a time (…/frames/1,2,3).`);
    }
    res.status(200).set({ "Content-Type": writer.contentType(partType), "Content-Length": String(total), "Cache-Control": "private, no-store" });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    for (const part of parts) await writer.writePart(part.headers, part.body);
    await writer.end();
  });
}
