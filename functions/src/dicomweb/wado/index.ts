import type { NextFunction, Request, Response, Router } from "express";
import type { DicomwebDeps } from "../dicomweb-deps";
import { DicomwebError } from "../dicomweb-error";
import { PIXEL_DATA_TAG, retrieveFrames } from "./retrieve-frames";
import { retrieveInstances } from "./retrieve-instances";
import { retrieveRendered, retrieveThumbnail } from "./retrieve-rendered";

const STUDY = "/studies/:study";
const SERIES = `${STUDY}/series/:series`;
const INSTANCE = `${SERIES}/instances/:instance`;

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * WADO-RS routes (PS3.18 §10.4; docs/dicomweb.md): retrieve of stored
 * originals, frames and Pixel Data bulk data, rendered images and
 * thumbnails. The `metadata` routes are QIDO's (qido/).
 */
export function registerWado(router: Router, deps: DicomwebDeps): void {
  const get = (path: string, handler: Handler) =>
    router.get(path, (req: Request, res: Response, next: NextFunction) => {
      handler(req, res).catch(next);
    });
  const target = (req: Request) => ({ StudyInstanceUID: param(req, "study"), SeriesInstanceUID: param(req, "series"), SOPInstanceUID: param(req, "instance") });

  get(STUDY, (req, res) => retrieveInstances(deps, req, res, { StudyInstanceUID: param(req, "study") }));
  get(SERIES, (req, res) => retrieveInstances(deps, req, res, { StudyInstanceUID: param(req, "study"), SeriesInstanceUID: param(req, "series") }));
  get(INSTANCE, (req, res) => retrieveInstances(deps, req, res, target(req)));
  get(`${INSTANCE}/frames/:frames`, (req, res) => retrieveFrames(deps, req, res, target(req), param(req, "frames")));
  get(`${INSTANCE}/bulkdata/:tag`, async (req, res) => {
    if (param(req, "tag").toLowerCase() !== PIXEL_DATA_TAG) throw new DicomwebError(404, "The only bulk data served is Pixel Data (7FE00010); other attributes are in the metadata.");
    return retrieveFrames(deps, req, res, target(req), undefined);
  });
  get(`${INSTANCE}/rendered`, (req, res) => retrieveRendered(deps, req, res, target(req)));
  get(`${INSTANCE}/frames/:frames/rendered`, (req, res) => retrieveRendered(deps, req, res, target(req), param(req, "frames")));
  get(`${INSTANCE}/thumbnail`, (req, res) => retrieveThumbnail(deps, req, res, target(req)));
  get(`${SERIES}/thumbnail`, (req, res) => retrieveThumbnail(deps, req, res, { StudyInstanceUID: param(req, "study"), SeriesInstanceUID: param(req, "series") }));
  get(`${STUDY}/thumbnail`, (req, res) => retrieveThumbnail(deps, req, res, { StudyInstanceUID: param(req, "study") }));
}

function param(req: Request, name: string): string {
  return req.params[name] ?? "";
}
