import { DicomUID } from "@pacs/shared";
import type { NextFunction, Request, Response, Router } from "express";
import { callerOf } from "../dicomweb-caller";
import type { DicomwebDeps } from "../dicomweb-deps";
import { DicomwebError, NO_SUCH_STUDY } from "../dicomweb-error";
import { requireDicomJson } from "./accept";
import { retrieveMetadata } from "./metadata";
import { parseQidoQuery, type QueryLevel } from "./qido-query";
import { searchForInstances, searchForSeries, searchForStudies, type SearchContext, type SearchPath } from "./search";

/**
 * QIDO-RS searches (PS3.18 §10.6) and WADO-RS metadata (§10.4) over the
 * caller's archive, answered from Firestore (docs/dicomweb.md).
 *
 * A UID in the path that is not a well-formed UID gets the same 404 as a
 * UID that is not stored: no such resource can exist, and a 400 would tell a
 * client nothing more it could act on (Orthanc answers 404 too).
 */
export function registerQido(router: Router, deps: DicomwebDeps): void {
  router.get("/studies", search("study", () => ({}), searchForStudies));
  router.get("/series", search("series", () => ({}), searchForSeries));
  router.get("/instances", search("instance", () => ({}), searchForInstances));
  router.get("/studies/:study/series", search("series", (req) => ({ StudyInstanceUID: studyUID(req) }), searchForSeries));
  router.get("/studies/:study/instances", search("instance", (req) => ({ StudyInstanceUID: studyUID(req) }), searchForInstances));
  router.get(
    "/studies/:study/series/:series/instances",
    search("instance", (req) => ({ StudyInstanceUID: studyUID(req), SeriesInstanceUID: seriesUID(req) }), searchForInstances),
  );
  router.get("/studies/:study/metadata", metadata((req) => ({ StudyInstanceUID: studyUID(req) })));
  router.get("/studies/:study/series/:series/metadata", metadata((req) => ({ StudyInstanceUID: studyUID(req), SeriesInstanceUID: seriesUID(req) })));
  router.get(
    "/studies/:study/series/:series/instances/:instance/metadata",
    metadata((req) => ({ StudyInstanceUID: studyUID(req), SeriesInstanceUID: seriesUID(req), SOPInstanceUID: instanceUID(req) })),
  );

  function contextOf(res: Response): SearchContext {
    return { db: deps.db, uid: callerOf(res).uid, origin: deps.appOrigin() };
  }

  function search(level: QueryLevel, pathOf: (req: Request) => SearchPath, run: (ctx: SearchContext, query: ReturnType<typeof parseQidoQuery>, path: SearchPath) => Promise<{ results: unknown[]; warnings: string[] }>) {
    return async (req: Request, res: Response, next: NextFunction) => {
      try {
        requireDicomJson(req.get("accept"));
        const path = pathOf(req);
        const query = parseQidoQuery(new URLSearchParams(req.originalUrl.split("?")[1] ?? ""), level);
        const { results, warnings } = await run(contextOf(res), query, path);
        for (const warning of warnings) res.append("Warning", `299 - "${warning.replace(/["\\]/g, "'")}"`);
        sendDicomJson(res, results);
      } catch (error) {
        next(error);
      }
    };
  }

  function metadata(pathOf: (req: Request) => Parameters<typeof retrieveMetadata>[1]) {
    return async (req: Request, res: Response, next: NextFunction) => {
      try {
        requireDicomJson(req.get("accept"));
        sendDicomJson(res, await retrieveMetadata(contextOf(res), pathOf(req)));
      } catch (error) {
        next(error);
      }
    };
  }
}

/** Every answer, empty or not, is 200 with a JSON array: Orthanc does so, and OHIF and Orthanc's DICOMweb client read `[]` (PS3.18 §10.6.3). */
function sendDicomJson(res: Response, results: unknown[]) {
  res.status(200).type("application/dicom+json").send(JSON.stringify(results));
}

function uidParam(req: Request, name: string, notFound: string): string {
  const value = req.params[name] ?? "";
  if (!DicomUID.safeParse(value).success) throw new DicomwebError(404, notFound);
  return value;
}
const studyUID = (req: Request) => uidParam(req, "study", NO_SUCH_STUDY);
const seriesUID = (req: Request) => uidParam(req, "series", "There is no such series in this study.");
const instanceUID = (req: Request) => uidParam(req, "instance", "There is no such instance in this series.");
