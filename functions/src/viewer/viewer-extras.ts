import { buildRenditionPath, type StoredInstance } from "@pacs/shared";
import type { Bucket } from "@google-cloud/storage";
import type { ViewerExtras } from "./manifest";
import type { SignOptions, UrlSigner } from "./sign-urls";

/** Content trees read at once; SR series are small, and each read is one Storage request. */
const PARALLEL_READS = 8;

/**
 * The metadata OHIF needs for the non-image instances of a manifest, by SOP
 * Instance UID: a signed link to each extracted PDF (shown by the browser's
 * PDF viewer in an `<object>`), and each SR's content tree (drawn by OHIF's
 * SR display). Both were stored beside the original at ingest.
 */
export async function readViewerExtras(
  deps: { bucket: Bucket; sign: UrlSigner; signOptions: SignOptions },
  uid: string,
  instances: StoredInstance[],
): Promise<Map<string, ViewerExtras>> {
  const extras = new Map<string, ViewerExtras>();
  const path = (m: StoredInstance["metadata"], rendition: "pdf" | "sr.json") => buildRenditionPath(uid, m.StudyInstanceUID, m.SeriesInstanceUID, m.SOPInstanceUID, rendition);
  for (const { metadata: m, renditions } of instances) {
    if (renditions?.pdfBytes === undefined) continue;
    const url = await deps.sign(path(m, "pdf"), deps.signOptions);
    extras.set(m.SOPInstanceUID, { EncapsulatedDocument: { DirectRetrieveURL: url }, MIMETypeOfEncapsulatedDocument: "application/pdf" });
  }
  const reports = instances.filter((instance) => instance.renditions?.srContentBytes !== undefined);
  for (let i = 0; i < reports.length; i += PARALLEL_READS) {
    await Promise.all(
      reports.slice(i, i + PARALLEL_READS).map(async ({ metadata: m }) => {
        const [bytes] = await deps.bucket.file(path(m, "sr.json")).download({ validation: false });
        extras.set(m.SOPInstanceUID, JSON.parse(bytes.toString("utf8")) as ViewerExtras);
      }),
    );
  }
  return extras;
}
