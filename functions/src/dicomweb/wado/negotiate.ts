import { DicomwebError } from "../dicomweb-error";
import { parseAccept, sortByQuality, type MediaRange } from "./accept";
import { describeTransferSyntax, findFrameMediaType } from "./transfer-syntaxes";

/**
 * Accept negotiation for WADO-RS (PS3.18 §8.7.3). This archive never
 * transcodes: it sends what was stored, byte for byte. PS3.18 makes Explicit
 * VR Little Endian the default when a client names no transfer syntax; we
 * answer such a client in the stored syntax instead (the same as
 * `transfer-syntax=*`), and refuse with 406 only a client that names
 * syntaxes and leaves the stored one out.
 */

/** A range's part type and transfer syntax, as it applies to the parts of one response. */
interface PartChoice {
  /** The part media type asked for, or "*" for any. */
  partType: string;
  /** `transfer-syntax` as sent: undefined when absent, "*" for any. */
  syntax: string | undefined;
  q: number;
}

/** What a range asks of each part: `multipart/related; type=X` and a bare `X` both ask for parts of type X. */
function findPartChoice(range: MediaRange, defaultPartType: string): PartChoice | undefined {
  const syntax = range.params["transfer-syntax"];
  if (range.mediaType === "*/*" || range.mediaType === "multipart/*") return { partType: "*", syntax, q: range.q };
  if (range.mediaType === "multipart/related") return { partType: (range.params.type ?? defaultPartType).toLowerCase(), syntax, q: range.q };
  if (range.mediaType.startsWith("multipart/")) return undefined;
  return { partType: range.mediaType, syntax, q: range.q };
}

function acceptsSyntax(choice: PartChoice, transferSyntaxUID: string): boolean {
  return choice.syntax === undefined || choice.syntax === "*" || choice.syntax === transferSyntaxUID;
}

/** A q=0 entry that names this very syntax excludes it, whatever else allows it. */
function excludes(choices: PartChoice[], partTypes: string[], transferSyntaxUID: string): boolean {
  return choices.some((c) => c.q === 0 && c.syntax === transferSyntaxUID && (c.partType === "*" || partTypes.includes(c.partType)));
}

/**
 * Study, series and instance retrieve: `multipart/related; type="application/dicom"`.
 * Missing Accept, `*\/*` and `multipart/related` with no type are accepted.
 * @throws DicomwebError 406 naming the stored syntax of the first instance the client will not take.
 */
export function negotiateInstanceRetrieve(accept: string | undefined, storedTransferSyntaxes: Iterable<string>): void {
  const ranges = parseAccept(accept);
  if (ranges.length === 0) return;
  const choices = ranges.map((r) => findPartChoice(r, "application/dicom")).filter((c): c is PartChoice => c !== undefined);
  const dicomChoices = choices.filter((c) => c.partType === "*" || c.partType === "application/dicom" || c.partType === "application/*");
  if (!dicomChoices.some((c) => c.q > 0)) {
    throw new DicomwebError(406, `Instances are sent as multipart/related; type="application/dicom", which the Accept header (${accept}) does not allow. Ask for multipart/related; type="application/dicom"; transfer-syntax=*.`);
  }
  for (const syntax of new Set(storedTransferSyntaxes)) {
    const accepted = dicomChoices.some((c) => c.q > 0 && acceptsSyntax(c, syntax)) && !excludes(dicomChoices, ["application/dicom"], syntax);
    if (!accepted) {
      throw new DicomwebError(
        406,
        `An instance asked for is stored in ${describeTransferSyntax(syntax)}, and this archive sends instances only as stored (it never transcodes). Ask with transfer-syntax=* or transfer-syntax=${syntax}.`,
      );
    }
  }
}

/**
 * Frames and bulk data: `multipart/related; type="application/octet-stream"`
 * (any stored syntax), or the frame's own media type (`image/jpeg`...) when it
 * is exactly what is stored.
 * @returns the media type of each part.
 * @throws DicomwebError 406 saying what is stored and what to ask for.
 */
export function negotiateFrames(accept: string | undefined, frameTransferSyntaxUID: string): string {
  const ranges = sortByQuality(parseAccept(accept));
  if (ranges.length === 0) return "application/octet-stream";
  const choices = ranges.map((r) => findPartChoice(r, "application/octet-stream")).filter((c): c is PartChoice => c !== undefined);
  const storedMediaType = findFrameMediaType(frameTransferSyntaxUID);
  const servable = ["application/octet-stream", ...(storedMediaType ? [storedMediaType] : [])];
  if (!excludes(choices, servable, frameTransferSyntaxUID)) {
    for (const choice of choices) {
      if (choice.q === 0 || !acceptsSyntax(choice, frameTransferSyntaxUID)) continue;
      if (choice.partType === "*" || choice.partType === "application/*" || choice.partType === "application/octet-stream") return "application/octet-stream";
      if (choice.partType === storedMediaType || (storedMediaType && choice.partType === "image/*")) return storedMediaType;
    }
  }
  const asStored = storedMediaType ? `either application/octet-stream or ${storedMediaType}` : "application/octet-stream (they are uncompressed)";
  throw new DicomwebError(
    406,
    `The frames of this instance are stored in ${describeTransferSyntax(frameTransferSyntaxUID)} and are sent only as stored (this archive never transcodes), as ${asStored}. Ask for multipart/related; type="application/octet-stream"; transfer-syntax=*.`,
  );
}

export type RenderedMediaType = "image/jpeg" | "image/png";

/**
 * Rendered and thumbnail resources: image/jpeg (the default) or image/png.
 * @throws DicomwebError 406 for any other media type.
 */
export function negotiateRendered(accept: string | undefined): RenderedMediaType {
  const ranges = sortByQuality(parseAccept(accept));
  if (ranges.length === 0) return "image/jpeg";
  for (const range of ranges) {
    if (range.q === 0) continue;
    if (range.mediaType === "image/png") return "image/png";
    if (range.mediaType === "image/jpeg" || range.mediaType === "image/*" || range.mediaType === "*/*") return "image/jpeg";
  }
  throw new DicomwebError(406, `Rendered images are sent as image/jpeg or image/png, which the Accept header (${accept}) does not allow.`);
}
