/**
 * A strict reader of `multipart/related` bodies for tests: it throws on
 * anything out of form, so a test that reads a response also checks its
 * framing (RFC 2046 §5.1.1). Not for production input: STOW-RS parses with
 * @mjackson/multipart-parser.
 */
export interface ReadPart {
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: Buffer;
}

export function readMultipart(contentType: string, body: Buffer): ReadPart[] {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) throw new Error(`no boundary in ${contentType}`);
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const between = Buffer.from(`\r\n--${boundary}`, "latin1");
  if (body.indexOf(delimiter) !== 0) throw new Error("the body does not start with the boundary");
  const parts: ReadPart[] = [];
  let at = delimiter.length;
  for (;;) {
    const after = body.subarray(at, at + 2).toString("latin1");
    if (after === "--") return parts;
    if (after !== "\r\n") throw new Error(`a boundary is followed by ${JSON.stringify(after)}`);
    const headerEnd = body.indexOf("\r\n\r\n", at + 2);
    if (headerEnd < 0) throw new Error("a part's headers never end");
    const headers = Object.fromEntries(
      body
        .subarray(at + 2, headerEnd)
        .toString("latin1")
        .split("\r\n")
        .filter((line) => line.length > 0)
        .map((line) => {
          const colon = line.indexOf(":");
          return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()];
        }),
    );
    const end = body.indexOf(between, headerEnd + 4);
    if (end < 0) throw new Error("a part never ends: the close delimiter is missing");
    parts.push({ headers, body: body.subarray(headerEnd + 4, end) });
    at = end + between.length;
  }
}
