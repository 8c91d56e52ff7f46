import { classifySopClass, DicomUID } from "@pacs/shared";
import type { Request, Response } from "express";
import type { Firestore } from "firebase-admin/firestore";
import { randomUUID } from "node:crypto";
import { recordAudit } from "../../audit/audit-log";
import type { ArchiveItem } from "../../ingest/archive/archive-item";
import { newBatch } from "../../ingest/batch-record";
import type { ItemObserver } from "../../ingest/ingest-items";
import { ingestAndRecordItems, ingestForLiveAccount, type BatchFile } from "../../ingest/record-items";
import { userRefs } from "../../ingest/refs";
import { isAccountDeleted } from "../../privacy/account-tombstone";
import { callerOf, type DicomwebCaller } from "../dicomweb-caller";
import type { DicomwebDeps } from "../dicomweb-deps";
import { DicomwebError } from "../dicomweb-error";
import { buildStowResponse, type StowPartOutcome } from "./build-stow-response";
import { buildStowItems, MAX_STOW_BODY_BYTES, namePart, parseStowContentType, readStowParts, TOO_LARGE_MESSAGE } from "./read-stow-parts";

/** Warning header lines per answer: enough to say why, short enough for any proxy's header limit. */
const MAX_WARNINGS = 20;

const ERASED = "This account is being deleted: nothing sent to it is stored.";

/**
 * `POST studies` and `POST studies/{study}` (PS3.18 §10.5): the request's
 * parts become one upload batch, named for the token that sent them, and go
 * through the same ingest as a dropped folder (same verdicts, deduplication,
 * quota and records); the answer says what became of each part.
 */
export async function storeInstances(deps: DicomwebDeps, req: Request, res: Response): Promise<void> {
  const body = readBody(req);
  if (body.length > MAX_STOW_BODY_BYTES) throw new DicomwebError(413, TOO_LARGE_MESSAGE);
  const boundary = parseStowContentType(req.get("content-type"));
  requireDicomJsonAnswer(req.get("accept"));
  const requestedStudy = req.params.study;
  if (requestedStudy !== undefined && !DicomUID.safeParse(requestedStudy).success) {
    throw new DicomwebError(400, `"${requestedStudy}" is not a Study Instance UID (digits and dots, at most 64 characters).`);
  }
  const parts = readStowParts(body, boundary);

  const caller = callerOf(res);
  const env = deps.ingestEnvironment();
  const now = env.now ?? deps.now ?? (() => new Date());
  if (await isAccountDeleted(env.db, caller.uid)) throw new DicomwebError(403, ERASED);
  const file = await openStowBatch(env.db, caller, body.length, parts.length, now());
  const watch = watchParts(requestedStudy, caller.viewerSession === true);
  const result = await ingestForLiveAccount(env, caller.uid, () => ingestAndRecordItems(env, file, itemsOf(buildStowItems(parts)), now, watch.observer));
  if (result === "account-deleted") throw new DicomwebError(403, ERASED);

  const outcomes = parts.map((part) => watch.outcomeOf(namePart(part.number)));
  const answer = buildStowResponse(outcomes, `${deps.appOrigin()}/dicomweb`, requestedStudy);
  for (const warning of answer.warnings.slice(0, MAX_WARNINGS)) res.append("Warning", warning);
  res.status(answer.status).type("application/dicom+json").send(JSON.stringify(answer.body));
}

/** The Functions runtime hands over the body it parsed; express.raw reads it elsewhere (index.ts). */
function readBody(req: Request): Buffer {
  const raw = (req as Request & { rawBody?: unknown }).rawBody;
  if (Buffer.isBuffer(raw)) return raw;
  if (Buffer.isBuffer(req.body)) return req.body;
  return Buffer.alloc(0);
}

/** The response is the Store Instances Response Module as JSON; XML is not offered. */
function requireDicomJsonAnswer(accept: string | undefined): void {
  if (!accept) return;
  const ranges = accept.split(",").map((range) => range.split(";")[0]!.trim().toLowerCase());
  if (ranges.some((range) => ["application/dicom+json", "application/json", "application/*", "*/*"].includes(range))) return;
  throw new DicomwebError(406, `STOW-RS answers with application/dicom+json only, which Accept: ${accept} does not allow.`);
}

/** One STOW request is one upload batch of one file, which the Uploads page shows by who sent it. */
async function openStowBatch(db: Firestore, caller: DicomwebCaller, bytes: number, parts: number, now: Date): Promise<BatchFile> {
  const refs = userRefs(db, caller.uid);
  const batchId = `stow-${randomUUID().replace(/-/g, "")}`;
  const sentBy = caller.token?.name ?? "DICOMweb, signed in";
  await refs.batch(batchId).create({ ...newBatch({ declaredFiles: 1, declaredBytes: bytes, uploadedFiles: 1 }, now), sentBy });
  await recordAudit(db, caller.uid, { action: "upload-started", actor: "owner", batchId, files: parts, ...(caller.token ? { tokenName: caller.token.name } : {}) }, now);
  return { refs, uid: caller.uid, batchId, fileId: "stow-rs", name: `STOW-RS from ${sentBy}` };
}

/**
 * Collects each part's verdict as ingest gives it, and refuses, before it is
 * claimed, an instance of another study than `POST studies/{study}` names,
 * and, through a viewer session's save root, anything but a structured report.
 */
function watchParts(requestedStudy: string | undefined, reportsOnly: boolean) {
  const outcomes = new Map<string, StowPartOutcome>();
  const mismatched = new Set<string>();
  const notReports = new Set<string>();
  const observer: ItemObserver = {
    admit(read) {
      if (reportsOnly && classifySopClass(read.instance.SOPClassUID).kind !== "sr") {
        notReports.add(read.instance.SOPInstanceUID);
        return "the viewer saves structured reports (measurements) only; store other objects with a personal access token";
      }
      const study = read.instance.StudyInstanceUID;
      if (requestedStudy === undefined || study === requestedStudy) return undefined;
      mismatched.add(read.instance.SOPInstanceUID);
      return `it belongs to study ${study}, not to study ${requestedStudy} that the request (POST studies/${requestedStudy}) names`;
    },
    noteVerdict(verdict) {
      const refusedHere = (set: Set<string>) => verdict.reason === "invalid-metadata" && verdict.instance !== undefined && set.has(verdict.instance.SOPInstanceUID);
      const flags = { ...(refusedHere(mismatched) ? { studyMismatch: true } : {}), ...(refusedHere(notReports) ? { notAReport: true } : {}) };
      outcomes.set(verdict.name, { ...verdict, ...flags });
    },
  };
  return {
    observer,
    outcomeOf: (name: string): StowPartOutcome => outcomes.get(name) ?? { name, verdict: "failed", detail: "no verdict was recorded for this part" },
  };
}

async function* itemsOf(items: ArchiveItem[]): AsyncGenerator<ArchiveItem> {
  yield* items;
}
