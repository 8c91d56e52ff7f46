import type { DataSet } from "dicom-parser";
import { ThumbnailError, readImageInfo, type ImageInfo } from "../../thumbnails/image-info";
import { parseDicomWithPixels } from "../../thumbnails/read-frame";
import { readFrame } from "../../viewable/read-frames";
import { ViewableCopyError } from "../../viewable/read-source";
import { DicomwebError } from "../dicomweb-error";

/** A frame list as long as this is a typo or an attack, not a viewer: each frame is a part. */
const MAX_FRAMES_PER_REQUEST = 10_000;

/**
 * `frames/{n[,m...]}` (PS3.18 §10.4.1.1.4): 1-based frame numbers, in the
 * order asked, repeats kept.
 * @throws DicomwebError 400 when the list is not numbers, 404 when a number is past the last frame.
 */
export function parseFrameNumbers(text: string, numberOfFrames: number): number[] {
  if (!/^\d+(,\d+)*$/.test(text)) {
    throw new DicomwebError(400, `"${text}" is not a frame list: frames are numbered from 1 and separated by commas, as in frames/1 or frames/1,3,5.`);
  }
  const numbers = text.split(",").map(Number);
  if (numbers.length > MAX_FRAMES_PER_REQUEST) throw new DicomwebError(400, `A request may ask for at most ${MAX_FRAMES_PER_REQUEST} frames.`);
  if (numbers.includes(0)) throw new DicomwebError(400, "Frames are numbered from 1: there is no frame 0.");
  const past = numbers.find((n) => n > numberOfFrames);
  if (past !== undefined) {
    throw new DicomwebError(404, `There is no frame ${past}: this instance has ${numberOfFrames} frame${numberOfFrames === 1 ? "" : "s"}.`);
  }
  return numbers;
}

/** A stored file opened for its frames: the parsed data set and its pixel layout. */
export interface PixelSource {
  dataSet: DataSet;
  transferSyntaxUID: string;
  info: ImageInfo;
}

/**
 * Parses a stored file with its Pixel Data (a deflated data set inflated within the ingest limits).
 * @throws DicomwebError 500 when the stored file no longer reads as an image.
 */
export function openPixelSource(fileBytes: Uint8Array): PixelSource {
  try {
    const { dataSet, transferSyntaxUID } = parseDicomWithPixels(fileBytes);
    return { dataSet, transferSyntaxUID, info: readImageInfo(dataSet) };
  } catch (error) {
    throw explainUnreadable(error);
  }
}

/**
 * The still-encoded bytes of each frame asked for (1-based): a slice of
 * native pixel data, or one frame's compressed bitstream with its fragments
 * joined (found by the basic offset table, one fragment per frame, or JPEG
 * markers: viewable/read-frames.ts).
 * @throws DicomwebError 500 when a frame cannot be found in the stored file.
 */
export function readFrames(source: PixelSource, frameNumbers: number[]): Uint8Array[] {
  try {
    return frameNumbers.map((n) => readFrame(source.dataSet, source.transferSyntaxUID, source.info, n - 1));
  } catch (error) {
    throw explainUnreadable(error);
  }
}

function explainUnreadable(error: unknown): unknown {
  if (error instanceof ThumbnailError || error instanceof ViewableCopyError) {
    return new DicomwebError(500, `The stored file cannot give its frames: ${error.message}.`);
  }
  // dicomParser throws strings for broken encapsulation (a bad offset table, a missing item).
  if (typeof error === "string") return new DicomwebError(500, `The stored file cannot give its frames: ${error}.`);
  return error;
}
