/**
 * Decodes DICOM text (PN, LO, SH, ST, LT, UT, UC) per Specific Character Set
 * (0008,0005): PS3.5 §6.1 and PS3.3 C.12.1.1.2.
 *
 * Supported: the single-byte ISO_IR terms, ISO_IR 192 (UTF-8), GB18030, GBK,
 * and ISO 2022 code extensions through the escape sequences in {@link ESCAPES}
 * (JIS X 0201, JIS X 0208, JIS X 0212, KS X 1001, GB 2312, ISO 8859 G1 sets),
 * resetting to the default set at the delimiters PS3.5 §6.1.2.5.3 names.
 * Not supported, decoded as Latin-1 so that no byte is lost: unknown terms and
 * escape sequences (isSupportedCharacterSet tells the caller); JIS X 0201
 * Romaji's ¥ and ‾ come out as \ and ~. Character sets given inside sequence
 * items are not applied: ingest reads top-level text only.
 */

/** How bytes of one code element (G0 = bytes < 0x80, G1 = bytes >= 0x80) become text. */
type CodeElement =
  | "ascii"
  | "jis-x0201-katakana"
  | "jis-x0208"
  | "jis-x0212"
  | "ks-x1001"
  | "gb2312"
  | { singleByte: string };

/** Single-value terms that select one whole-string decoder (no code extensions). */
const SINGLE_CHARSETS: Record<string, string> = {
  "": "latin1",
  "ISO_IR 6": "latin1",
  "ISO_IR 100": "latin1",
  "ISO_IR 101": "iso-8859-2",
  "ISO_IR 109": "iso-8859-3",
  "ISO_IR 110": "iso-8859-4",
  "ISO_IR 144": "iso-8859-5",
  "ISO_IR 127": "iso-8859-6",
  "ISO_IR 126": "iso-8859-7",
  "ISO_IR 138": "iso-8859-8",
  "ISO_IR 148": "iso-8859-9",
  "ISO_IR 203": "iso-8859-15",
  "ISO_IR 166": "tis-620",
  // JIS X 0201: Romaji in G0, half-width Katakana in G1, which Shift_JIS decodes byte for byte.
  "ISO_IR 13": "shift_jis",
  "ISO_IR 192": "utf-8",
  GB18030: "gb18030",
  GBK: "gbk",
};

/** The code elements each ISO 2022 term designates when it is the first (default) value. */
const ISO_2022_DEFAULTS: Record<string, [CodeElement, CodeElement]> = {
  "ISO 2022 IR 6": ["ascii", { singleByte: "latin1" }],
  "ISO 2022 IR 100": ["ascii", { singleByte: "latin1" }],
  "ISO 2022 IR 101": ["ascii", { singleByte: "iso-8859-2" }],
  "ISO 2022 IR 109": ["ascii", { singleByte: "iso-8859-3" }],
  "ISO 2022 IR 110": ["ascii", { singleByte: "iso-8859-4" }],
  "ISO 2022 IR 144": ["ascii", { singleByte: "iso-8859-5" }],
  "ISO 2022 IR 127": ["ascii", { singleByte: "iso-8859-6" }],
  "ISO 2022 IR 126": ["ascii", { singleByte: "iso-8859-7" }],
  "ISO 2022 IR 138": ["ascii", { singleByte: "iso-8859-8" }],
  "ISO 2022 IR 148": ["ascii", { singleByte: "iso-8859-9" }],
  "ISO 2022 IR 203": ["ascii", { singleByte: "iso-8859-15" }],
  "ISO 2022 IR 166": ["ascii", { singleByte: "tis-620" }],
  "ISO 2022 IR 13": ["ascii", "jis-x0201-katakana"],
  "ISO 2022 IR 87": ["ascii", { singleByte: "latin1" }],
  "ISO 2022 IR 159": ["ascii", { singleByte: "latin1" }],
  "ISO 2022 IR 149": ["ascii", { singleByte: "latin1" }],
  "ISO 2022 IR 58": ["ascii", { singleByte: "latin1" }],
};

/** Escape sequences (bytes after ESC) and the code element they designate into G0 or G1. */
const ESCAPES: Array<[string, "G0" | "G1", CodeElement]> = [
  ["(B", "G0", "ascii"],
  ["(J", "G0", "ascii"], // JIS X 0201 Romaji: ASCII but for ¥ and ‾, kept as \ and ~
  [")I", "G1", "jis-x0201-katakana"],
  ["$B", "G0", "jis-x0208"],
  ["$(D", "G0", "jis-x0212"],
  ["$)C", "G1", "ks-x1001"],
  ["$)A", "G1", "gb2312"],
  ["-A", "G1", { singleByte: "latin1" }],
  ["-B", "G1", { singleByte: "iso-8859-2" }],
  ["-C", "G1", { singleByte: "iso-8859-3" }],
  ["-D", "G1", { singleByte: "iso-8859-4" }],
  ["-L", "G1", { singleByte: "iso-8859-5" }],
  ["-G", "G1", { singleByte: "iso-8859-6" }],
  ["-F", "G1", { singleByte: "iso-8859-7" }],
  ["-H", "G1", { singleByte: "iso-8859-8" }],
  ["-M", "G1", { singleByte: "iso-8859-9" }],
  ["-b", "G1", { singleByte: "iso-8859-15" }],
  ["-T", "G1", { singleByte: "tis-620" }],
];

const ESC = 0x1b;
/** Delimiters that return to the default character set (PS3.5 §6.1.2.5.3): ^ = \ CR LF FF TAB. */
const RESETTING_DELIMITERS = new Set([0x5e, 0x3d, 0x5c, 0x0d, 0x0a, 0x0c, 0x09]);

/** The defined terms of a (0008,0005) value; the first may be empty (= ISO_IR 6). */
export function parseSpecificCharacterSet(value: string | undefined): string[] {
  if (value === undefined) return [""];
  return value.split("\\").map((term) => term.trim());
}

/** True if every term is one this module decodes faithfully. */
export function isSupportedCharacterSet(terms: string[]): boolean {
  return terms.every((term) => term in SINGLE_CHARSETS || term in ISO_2022_DEFAULTS);
}

/**
 * Decodes `bytes` of a text value. Unknown terms fall back to Latin-1, which
 * maps each byte to one character and so never loses data.
 */
export function decodeDicomText(bytes: Uint8Array, terms: string[]): string {
  const first = terms[0] ?? "";
  const usesCodeExtensions = terms.length > 1 || first.startsWith("ISO 2022") || bytes.includes(ESC);
  if (!usesCodeExtensions) return decodeWith(SINGLE_CHARSETS[first] ?? "latin1", bytes);
  return decodeIso2022(bytes, ISO_2022_DEFAULTS[first] ?? ["ascii", { singleByte: decoderFor(first) }]);
}

function decoderFor(term: string): string {
  return SINGLE_CHARSETS[term] ?? "latin1";
}

/** Splits at escape sequences and delimiters, decoding each run with the code element in force. */
function decodeIso2022(bytes: Uint8Array, defaults: [CodeElement, CodeElement]): string {
  let [g0, g1] = defaults;
  let text = "";
  let run: number[] = [];
  const flush = () => {
    if (run.length > 0) text += decodeRun(Uint8Array.from(run), run[0]! >= 0x80 ? g1 : g0);
    run = [];
  };
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    const escape = byte === ESC ? findEscape(bytes, i + 1) : undefined;
    if (escape) {
      flush();
      if (escape.target === "G0") g0 = escape.element;
      else g1 = escape.element;
      i += escape.length;
    } else if (RESETTING_DELIMITERS.has(byte) && isSingleByte(g0)) {
      flush();
      text += String.fromCharCode(byte);
      [g0, g1] = defaults;
    } else {
      if (run.length > 0 && run[0]! >= 0x80 !== byte >= 0x80) flush();
      run.push(byte);
    }
  }
  flush();
  return text;
}

function findEscape(
  bytes: Uint8Array,
  start: number,
): { target: "G0" | "G1"; element: CodeElement; length: number } | undefined {
  for (const [sequence, target, element] of ESCAPES) {
    const matches = [...sequence].every((char, k) => bytes[start + k] === char.charCodeAt(0));
    if (matches) return { target, element, length: sequence.length };
  }
  return undefined;
}

function isSingleByte(element: CodeElement): boolean {
  return element === "ascii" || element === "jis-x0201-katakana" || typeof element === "object";
}

/** Decodes a run of G0 (7-bit) or G1 (8-bit) bytes with one code element. */
function decodeRun(run: Uint8Array, element: CodeElement): string {
  switch (element) {
    case "ascii":
      return decodeWith("latin1", run);
    case "jis-x0201-katakana":
      return decodeWith("shift_jis", run);
    case "jis-x0208": // 7-bit JIS pairs become EUC-JP by setting the high bit
      return decodeWith("euc-jp", run.map((b) => b | 0x80));
    case "jis-x0212": // EUC-JP code set 3: SS3 (0x8F) before each high-bit pair
      return decodeWith("euc-jp", Uint8Array.from(pairs(run).flatMap(([a, b]) => [0x8f, a | 0x80, b | 0x80])));
    case "ks-x1001":
      return decodeWith("euc-kr", run);
    case "gb2312":
      return decodeWith("gbk", run);
    default:
      return decodeWith(element.singleByte, run);
  }
}

function pairs(run: Uint8Array): Array<[number, number]> {
  const result: Array<[number, number]> = [];
  for (let i = 0; i + 1 < run.length; i += 2) result.push([run[i]!, run[i + 1]!]);
  return result;
}

/**
 * WHATWG's "latin1" label is really windows-1252, which remaps 0x80–0x9F; DICOM's
 * ISO_IR 100 is true ISO 8859-1, so Latin-1 goes through Buffer instead.
 */
function decodeWith(encoding: string, bytes: Uint8Array): string {
  if (encoding === "latin1") return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  return new TextDecoder(encoding).decode(bytes);
}
