import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { requireWriteScope } from "../dicomweb-caller";
import type { DicomwebDeps } from "../dicomweb-deps";
import { MAX_STOW_BODY_BYTES } from "./read-stow-parts";
import { storeInstances } from "./store-instances";

/**
 * STOW-RS (PS3.18 §10.5, docs/dicomweb.md): `POST studies` and
 * `POST studies/{study}`, for a token with the write scope.
 */
export function registerStow(router: Router, deps: DicomwebDeps): void {
  // The Functions runtime has already read the body (this then passes); elsewhere it is read here, within the limit.
  const readBody = express.raw({ type: () => true, limit: MAX_STOW_BODY_BYTES });
  const handle = (req: Request, res: Response, next: NextFunction) => storeInstances(deps, req, res).catch(next);
  router.post("/studies", requireWriteScope, readBody, handle);
  router.post("/studies/:study", requireWriteScope, readBody, handle);
}
