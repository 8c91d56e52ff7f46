import { DicomwebError } from "../dicomweb-error";

/** One entry of an Accept header (RFC 9110 §12.5.1), with DICOMweb's `type` and `transfer-syntax` parameters kept. */
export interface MediaRange {
  /** Lower case, e.g. "multipart/related" or "*\/*". */
  mediaType: string;
  /** Parameter names in lower case; values unquoted, as sent. `q` is not among them. */
  params: Record<string, string>;
  /** Quality, 0..1; 1 when absent. 0 means "not this" (RFC 9110 §12.4.2). */
  q: number;
}

/**
 * Parses an Accept header. Commas and semicolons inside quoted strings do not
 * split. An absent or empty header gives no ranges: the caller's default.
 * @throws DicomwebError 400 when an entry is not a media range or its q is not a number in 0..1.
 */
export function parseAccept(header: string | undefined): MediaRange[] {
  if (!header?.trim()) return [];
  return splitOutsideQuotes(header, ",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map(parseMediaRange);
}

function parseMediaRange(entry: string): MediaRange {
  const [head = "", ...rest] = splitOutsideQuotes(entry, ";");
  const mediaType = head.trim().toLowerCase();
  if (!/^[a-z0-9!#$%&'*+.^_`|~-]+\/[a-z0-9!#$%&'*+.^_`|~-]+$/.test(mediaType)) {
    throw new DicomwebError(400, `The Accept header has "${entry}", which is not a media type such as multipart/related; type="application/dicom".`);
  }
  const params: Record<string, string> = {};
  let q = 1;
  for (const param of rest) {
    const at = param.indexOf("=");
    if (at < 0) continue;
    const name = param.slice(0, at).trim().toLowerCase();
    const value = unquote(param.slice(at + 1).trim());
    if (name === "q") {
      q = Number(value);
      if (!/^\d(\.\d{0,3})?$/.test(value) || q > 1) throw new DicomwebError(400, `The Accept header has q=${value} in "${entry}"; q is a number from 0 to 1.`);
    } else {
      params[name] = value;
    }
  }
  return { mediaType, params, q };
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '"' && text[i - 1] !== "\\") quoted = !quoted;
    if (char === separator && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

/** Ranges by preference: highest q first, in the client's order among equals. */
export function sortByQuality(ranges: MediaRange[]): MediaRange[] {
  return ranges.map((range, index) => ({ range, index })).sort((a, b) => b.range.q - a.range.q || a.index - b.index).map(({ range }) => range);
}
