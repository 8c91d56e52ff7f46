import type { Bucket } from "@google-cloud/storage";
import type { Firestore } from "firebase-admin/firestore";
import type { VerifyIdToken } from "../http/api-request";
import type { IngestEnvironment } from "../ingest/ingest-upload";
import type { TicketKeys } from "../viewer/viewer-ticket";

/** What the DICOMweb service needs from the outside world; tests hand in their own. */
export interface DicomwebDeps {
  db: Firestore;
  verifyIdToken: VerifyIdToken;
  /** Where stored instances are read from (WADO-RS). */
  instancesBucket: () => Bucket;
  /** STOW-RS stores through the same ingest as a browser upload. */
  ingestEnvironment: () => IngestEnvironment;
  /** The app's public origin: RetrieveURLs (0008,1190) are absolute, as Weasis needs. */
  appOrigin: () => string;
  /** Checks the store tickets of viewer sessions (dicomweb/viewer-session-store.ts). */
  ticketKeys?: () => TicketKeys;
  now?: () => Date;
}
