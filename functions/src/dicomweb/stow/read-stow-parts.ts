import { MultipartParseError, parseMultipart } from "@mjackson/multipart-parser";
import type { ArchiveItem } from "../../ingest/archive/archive-item";
import { DicomwebError } from "../dicomweb-error";

/**
 * The largest STOW-RS request body we read: Cloud Functions refuses a request
 * over 32 MB before it reaches us, so a gateway must send one instance or one
 * series per request (docs/dicomweb.md). Decimal megabytes, a little under the
 * platform's own 32 MiB, so that a body between the two still gets our answer.
 */
export const MAX_STOW_BODY_BYTES = 32_000_000;

export const TOO_LARGE_MESSAGE =
  "This STOW-RS request is larger than the 32 MB a request may carry. Send one series, or one instance, per request (with Orthanc: one call of /dicom-web/servers/{name}/stow per series; docs/dicomweb.md, STOW-RS).";

/** One part of a STOW-RS request, numbered from 1 as the sender wrote them. */
export interface StowPart {
  number: number;
  /** The part's Content-Type without parameters, lower case; undefined when it has none. */
  mediaType: string | undefined;
  bytes: Uint8Array;
}

/**
 * Checks the request's media type (PS3.18 §10.5.1): only
 * `multipart/related; type="application/dicom"` is supported.
 * @returns the boundary of the multipart body.
 * @throws DicomwebError 415 for another media type, 400 without a boundary.
 */
export function parseStowContentType(contentType: string | undefined): string {
  const [essence = "", ...parameters] = (contentType ?? "").split(";").map((part) => part.trim());
  const params = new Map<string, string>();
  for (const parameter of parameters) {
    const at = parameter.indexOf("=");
    if (at > 0) params.set(parameter.slice(0, at).trim().toLowerCase(), parameter.slice(at + 1).trim().replace(/^"(.*)"$/, "$1"));
  }
  const type = params.get("type")?.toLowerCase();
  if (essence.toLowerCase() !== "multipart/related" || (type !== undefined && type !== "application/dicom")) {
    const metadata = type === "application/dicom+json" || type === "application/dicom+xml";
    throw new DicomwebError(
      415,
      `STOW-RS here accepts multipart/related; type="application/dicom" (one DICOM instance per part), not ${contentType ?? "a body without Content-Type"}.` +
        (metadata ? " Metadata with bulk data (application/dicom+json or +xml) is not supported: send the instances as application/dicom parts." : ""),
    );
  }
  const boundary = params.get("boundary");
  if (!boundary) throw new DicomwebError(400, "The Content-Type multipart/related has no boundary parameter, so its parts cannot be told apart.");
  return boundary;
}

/**
 * Splits the body into its parts.
 * @throws DicomwebError 400 for a body that is not a complete multipart message.
 */
export function readStowParts(body: Uint8Array, boundary: string): StowPart[] {
  const parts: StowPart[] = [];
  try {
    for (const part of parseMultipart(body, { boundary, maxFileSize: MAX_STOW_BODY_BYTES })) {
      const mediaType = part.headers.contentType.mediaType?.toLowerCase() || undefined;
      parts.push({ number: parts.length + 1, mediaType, bytes: part.bytes });
    }
  } catch (error) {
    if (!(error instanceof MultipartParseError)) throw error;
    throw new DicomwebError(400, `The multipart body cannot be read (${error.message}): check its boundary "${boundary}" and that it ends with --${boundary}--.`);
  }
  if (parts.length === 0) throw new DicomwebError(400, `The multipart body has no parts: none starts with --${boundary}.`);
  return parts;
}

/** The name a part goes by in the upload batch's problems and in ingest's logs. */
export function namePart(number: number): string {
  return `STOW-RS part ${number}`;
}

/**
 * Turns parts into the items ingest reads: a part that says it is
 * application/dicom (or says nothing) is a file, judged by its bytes like any
 * upload; a part of another media type is refused as not DICOM, and the
 * other parts go on.
 */
export function buildStowItems(parts: StowPart[]): ArchiveItem[] {
  return parts.map((part): ArchiveItem => {
    const name = namePart(part.number);
    if (part.mediaType === undefined || part.mediaType === "application/dicom") {
      return { kind: "file", name, bytes: Buffer.from(part.bytes.buffer, part.bytes.byteOffset, part.bytes.byteLength) };
    }
    return { kind: "problem", name, reason: "not-dicom", detail: `the part is ${part.mediaType}, not application/dicom` };
  });
}
