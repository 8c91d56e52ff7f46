import type { StoredInstance } from "@pacs/shared";
import type { Request, Response } from "express";
import { buildPlaceholderImage } from "../../thumbnails/placeholder";
import { callerOf } from "../dicomweb-caller";
import type { DicomwebDeps } from "../dicomweb-deps";
import { DicomwebError } from "../dicomweb-error";
import { findStoredInstance, findStoredInstances, readStudyRecord, type RetrieveTarget } from "./find-instances";
import { parseFrameNumbers } from "./frames";
import { negotiateRendered } from "./negotiate";
import { withStoredInstance } from "./read-stored";
import { encodeImage, parseRenderQuery, renderFrame, type RenderOptions } from "./render";

/** A thumbnail's longest side when the client gives no viewport (as thumbnails/render-thumbnail.ts). */
const THUMBNAIL_SIDE = 128;

/**
 * `…/instances/{i}/rendered` (its first frame; PS3.18 lets a server choose
 * for a multi-frame instance) and `…/frames/{n}/rendered` (one frame).
 */
export async function retrieveRendered(deps: DicomwebDeps, req: Request, res: Response, target: Required<RetrieveTarget>, frameText = "1"): Promise<void> {
  const options = parseRenderQuery(req.query as Record<string, unknown>, negotiateRendered(req.get("accept")));
  const { uid } = callerOf(res);
  const instance = await findStoredInstance(deps.db, uid, target);
  if (instance.metadata.Rows === undefined) throw new DicomwebError(400, "This instance has no image to render (no pixel data).");
  const frameNumbers = parseFrameNumbers(frameText, instance.metadata.NumberOfFrames ?? 1);
  if (frameNumbers.length !== 1) throw new DicomwebError(400, "A rendered frame is one image: ask for one frame, as in frames/1/rendered.");
  const bytes = await withStoredInstance(deps.instancesBucket(), uid, instance, (file) => renderFrame(file, frameNumbers[0]!, options));
  sendImage(res, options, bytes);
}

/**
 * `…/thumbnail` at study, series and instance level: the instance's first
 * frame, a series' middle image, and the study's own thumbnail (the PNG
 * ingest keeps on the study record, sent as is when a PNG of no particular
 * size is asked for). What cannot be decoded gets the labelled placeholder
 * the study list shows, never an error.
 */
export async function retrieveThumbnail(deps: DicomwebDeps, req: Request, res: Response, target: RetrieveTarget): Promise<void> {
  const asked = parseRenderQuery(req.query as Record<string, unknown>, negotiateRendered(req.get("accept")));
  const { uid } = callerOf(res);
  const options: RenderOptions = { ...asked, viewport: asked.viewport ?? { width: THUMBNAIL_SIDE, height: THUMBNAIL_SIDE } };
  if (!target.SeriesInstanceUID) {
    const study = await readStudyRecord(deps.db, uid, target.StudyInstanceUID);
    const stored = study.thumbnail;
    if (stored && options.mediaType === "image/png" && !asked.viewport && !asked.window) {
      return sendImage(res, options, Buffer.from(stored.dataUrl.slice("data:image/png;base64,".length), "base64"));
    }
    if (stored) target = { ...target, SeriesInstanceUID: stored.SeriesInstanceUID, SOPInstanceUID: stored.SOPInstanceUID };
  }
  const instances = await findStoredInstances(deps.db, uid, target);
  const chosen = chooseThumbnailInstance(instances);
  if (!chosen) return sendImage(res, options, buildPlaceholder(options, instances[0]?.metadata.Modality ?? "OT"));
  let bytes: Uint8Array;
  try {
    bytes = await withStoredInstance(deps.instancesBucket(), uid, chosen, (file) => renderFrame(file, 1, options));
  } catch (error) {
    if (!(error instanceof DicomwebError)) throw error;
    bytes = buildPlaceholder(options, chosen.metadata.Modality);
  }
  sendImage(res, options, bytes);
}

/** The middle drawable image, in the order instances were found (series, then Instance Number). */
function chooseThumbnailInstance(instances: StoredInstance[]): StoredInstance | undefined {
  const drawable = instances.filter((i) => i.metadata.Rows !== undefined && !i.undrawable);
  return drawable[Math.floor((drawable.length - 1) / 2)];
}

function buildPlaceholder(options: RenderOptions, modality: string): Uint8Array {
  const side = Math.min(options.viewport!.width, options.viewport!.height);
  return encodeImage(buildPlaceholderImage(side, modality), options);
}

function sendImage(res: Response, options: RenderOptions, bytes: Uint8Array): void {
  res.status(200).set({ "Content-Type": options.mediaType, "Cache-Control": "private, no-store" }).end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
