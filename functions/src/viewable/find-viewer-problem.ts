import * as dicomParser from "dicom-parser";
import { refuseUndeclaredInflate } from "../ingest/parse-header";
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN } from "./read-source";
import { AGE_STRING_LENGTH, KNOWN_VRS, VALUE_SIZE } from "./vr";

/** What findViewerProblem needs from ingest's reading of the file (read-instance.ts). */
export interface ViewerProblemInput {
  /** The transfer syntax ingest found, also for bare data sets and meta groups without one. */
  TransferSyntaxUID: string;
}

/**
 * Why the viewer cannot load this file as it is, or undefined when it can.
 * The viewer (OHIF with @cornerstonejs/dicom-image-loader) fetches each
 * instance as WADO-URI and runs `dicomParser.parseDicom(bytes)` with no
 * options in the browser, where there is no inflater; so this runs the same
 * call, and adds what that call alone does not show:
 * - deflated data sets, which Node inflates with zlib but the browser cannot;
 * - explicit VR big endian (retired from the standard): the loader's byte
 *   swapping does not cover every pixel layout, and series that mix it with
 *   little endian slices fail;
 * - header defects the parser reads past (a VR code that is no VR, a binary
 *   or AS value of impossible length) but which break readers of the values.
 */
export function findViewerProblem(bytes: Uint8Array, header: ViewerProblemInput): string | undefined {
  if (header.TransferSyntaxUID === DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN) return "deflated data set, which the browser's parser cannot inflate";
  if (header.TransferSyntaxUID === EXPLICIT_VR_BIG_ENDIAN) return "explicit VR big endian (retired), which the browser's loader does not read reliably";
  let dataSet: dicomParser.DataSet;
  try {
    // The browser cannot inflate; here a smuggled deflated syntax must not make zlib try.
    dataSet = dicomParser.parseDicom(bytes, { inflater: refuseUndeclaredInflate });
  } catch (error) {
    return `the browser's parser stops: ${describe(error)}`;
  }
  return findHeaderDefect(dataSet);
}

/** The first element whose VR code or length a reader cannot trust, searching into sequences. */
function findHeaderDefect(dataSet: dicomParser.DataSet): string | undefined {
  for (const element of Object.values(dataSet.elements)) {
    for (const item of element.items ?? []) {
      const inner = item.dataSet && findHeaderDefect(item.dataSet);
      if (inner) return inner;
    }
    const vr = element.vr;
    // dicomParser keeps item delimiters (FFFE,E00D) of undefined-length items as elements without a VR.
    if (vr === undefined || element.tag.startsWith("xfffe") || element.encapsulatedPixelData || element.hadUndefinedLength) continue;
    const name = `element (${element.tag.slice(1, 5)},${element.tag.slice(5)})`.toUpperCase().replace("ELEMENT", "element");
    if (!KNOWN_VRS.has(vr)) return `${name} has VR code "${printable(vr)}", which is no DICOM VR`;
    const size = VALUE_SIZE[vr];
    if (size !== undefined && element.length % size !== 0) return `${name} ${vr} has length ${element.length}, not a multiple of ${size}`;
    if (vr === "AS" && element.length !== 0 && element.length !== AGE_STRING_LENGTH) return `${name} AS has length ${element.length}, not ${AGE_STRING_LENGTH}`;
  }
  return undefined;
}

function printable(code: string): string {
  return code.replace(/[^\x20-\x7e]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

function describe(error: unknown): string {
  const inner = typeof error === "object" && error !== null && "exception" in error ? (error as { exception: unknown }).exception : error;
  const text = inner instanceof Error ? inner.message : String(inner);
  return text.replace(/^dicomParser[.:][\w.]+: /, "");
}
