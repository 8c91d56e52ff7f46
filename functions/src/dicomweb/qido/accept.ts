import { DicomwebError } from "../dicomweb-error";

/** Media ranges a DICOM JSON answer satisfies (PS3.18 §8.7.3.5: application/json is accepted for it too). */
const ACCEPTED = new Set(["application/dicom+json", "application/json", "application/*", "*/*"]);

/**
 * Checks that the client takes DICOM JSON, the one form QIDO-RS and
 * metadata answers come in here. No Accept header takes anything. A client
 * that accepts only something else (the XML form in multipart/related) gets
 * a 406 that says what it can have.
 */
export function requireDicomJson(accept: string | undefined): void {
  if (!accept?.trim()) return;
  const ranges = accept.split(",").map((range) => {
    const [type = "", ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    const quality = params.find((p) => p.startsWith("q="));
    return { type, refused: quality !== undefined && Number(quality.slice(2)) === 0 };
  });
  if (ranges.some((range) => ACCEPTED.has(range.type) && !range.refused)) return;
  throw new DicomwebError(406, `This service answers searches and metadata as application/dicom+json only (not ${accept}). Send Accept: application/dicom+json.`);
}
