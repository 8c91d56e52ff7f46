import { buildInstancePath, type InstanceMetadata } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { Request, Response } from "express";
import { callerOf } from "../dicomweb-caller";
import type { DicomwebDeps } from "../dicomweb-deps";
import { DicomwebError } from "../dicomweb-error";
import { findStoredInstances, type RetrieveTarget } from "./find-instances";
import { MultipartWriter } from "./multipart-writer";
import { negotiateInstanceRetrieve } from "./negotiate";

/**
 * The largest response we send. Cloud Run lets a chunked (streamed) HTTP/1
 * response grow past its 32 MiB cap, but Cloud Functions' quota page gives a
 * 2nd gen function 32 MB for a response, and only 10 MB for a streaming one;
 * and this service is reached through the Firebase Hosting rewrite, which
 * buffers a function's response before passing it on (firebase-tools#9774).
 * So streaming does not exempt us. Every multipart answer therefore declares
 * its exact Content-Length (it is still written file by file, never held in
 * memory), which makes it a plain response to the platform, and a retrieve
 * larger than this is refused before a byte is sent, saying how to fetch it
 * in pieces (docs/dicomweb.md).
 */
export const MAX_RESPONSE_BYTES = 32_000_000;

/**
 * WADO-RS study, series and instance retrieve (PS3.18 §10.4): each stored
 * original, byte for byte, as one `application/dicom` part, streamed from
 * Storage one file at a time. The viewer-ready copies are never sent.
 */
export async function retrieveInstances(deps: DicomwebDeps, req: Request, res: Response, target: RetrieveTarget): Promise<void> {
  const { uid } = callerOf(res);
  const instances = await findStoredInstances(deps.db, uid, target);
  negotiateInstanceRetrieve(
    req.get("accept"),
    instances.map((i) => i.metadata.TransferSyntaxUID),
  );
  const writer = new MultipartWriter(res);
  const parts = instances.map(({ metadata, byteLength }) => ({
    metadata,
    length: byteLength,
    headers: { "Content-Type": `application/dicom; transfer-syntax=${metadata.TransferSyntaxUID}`, "Content-Location": buildInstanceUrl(deps.appOrigin(), metadata) },
  }));
  const total = writer.measureBody(parts);
  if (total > MAX_RESPONSE_BYTES) throw refuseLargeRetrieve(target, total, instances.length);

  res.status(200).set({ "Content-Type": writer.contentType("application/dicom"), "Content-Length": String(total), "Cache-Control": "private, no-store" });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  const bucket = deps.instancesBucket();
  for (const part of parts) {
    await writer.writePart(part.headers, openStoredInstance(bucket, uid, part.metadata).createReadStream({ validation: false }), part.length);
  }
  await writer.end();
}

/** The original as ingest stored it, never the viewer-ready copy beside it. */
export function openStoredInstance(bucket: Bucket, uid: string, metadata: InstanceMetadata) {
  return bucket.file(buildInstancePath(uid, metadata.StudyInstanceUID, metadata.SeriesInstanceUID, metadata.SOPInstanceUID));
}

/** Absolute, as Weasis and OHIF resolve it against nothing else. */
export function buildInstanceUrl(origin: string, m: Pick<InstanceMetadata, "StudyInstanceUID" | "SeriesInstanceUID" | "SOPInstanceUID">): string {
  return `${origin}/dicomweb/studies/${m.StudyInstanceUID}/series/${m.SeriesInstanceUID}/instances/${m.SOPInstanceUID}`;
}

function refuseLargeRetrieve(target: RetrieveTarget, total: number, count: number): DicomwebError {
  const size = `${Math.ceil(total / 1_000_000)} MB in ${count} instance${count === 1 ? "" : "s"}`;
  const way = target.SOPInstanceUID
    ? "This instance alone is larger than a response may be: retrieve its frames (…/frames/1,2,…) instead."
    : target.SeriesInstanceUID
      ? "Retrieve its instances one at a time (…/series/{series}/instances/{instance}); the series' instance list comes from …/series/{series}/instances."
      : "Retrieve it series by series (…/studies/{study}/series/{series}), or instance by instance; the list comes from …/studies/{study}/series.";
  return new DicomwebError(413, `This retrieve would be ${size}, more than the ${MAX_RESPONSE_BYTES / 1_000_000} MB a response from this service may carry. ${way}`);
}
