import express, { type NextFunction, type Request, type Response } from "express";
import { allowCrossOrigin } from "./cors";
import { authenticate } from "./dicomweb-caller";
import type { DicomwebDeps } from "./dicomweb-deps";
import { DicomwebError } from "./dicomweb-error";
import { registerQido } from "./qido";
import { registerStow } from "./stow";
import { registerWado } from "./wado";

export type { DicomwebDeps } from "./dicomweb-deps";

/**
 * The DICOMweb service (PS3.18) under `/dicomweb/` on the app's origin:
 * QIDO-RS, WADO-RS and STOW-RS over the caller's own archive
 * (docs/dicomweb.md). Routes live in qido/, wado/ and stow/.
 */
export function createDicomwebApp(deps: DicomwebDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");
  // The real Functions runtime and its emulator parse bodies before this app; elsewhere (unit tests) they arrive raw.
  const router = express.Router({ strict: false });
  router.use(allowCrossOrigin);
  router.use(authenticate(deps));
  registerQido(router, deps);
  registerWado(router, deps);
  registerStow(router, deps);
  router.use((req: Request, _res: Response, next: NextFunction) => next(new DicomwebError(404, `No DICOMweb resource at ${req.method} ${req.baseUrl}${req.path}.`)));
  app.use("/dicomweb", router);
  app.use(answerError);
  return app;
}

function answerError(error: unknown, _req: Request, res: Response, _next: NextFunction) {
  if (res.headersSent) {
    // A multipart answer already under way cannot change its status: cut it, so the client sees it incomplete.
    console.error("dicomweb: failed while answering", error);
    res.destroy();
    return;
  }
  if (error instanceof DicomwebError) {
    res.status(error.status).type("text/plain").send(error.message);
    return;
  }
  if ((error as { status?: unknown }).status === 413) {
    res.status(413).type("text/plain").send("This request is larger than the 32 MB a request may carry. Send one instance or one series per request (docs/dicomweb.md).");
    return;
  }
  console.error("dicomweb: request failed", error);
  res.status(500).type("text/plain").send("The DICOMweb service failed on this request. It was logged; try again.");
}
