import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import * as dicomParser from "dicom-parser";
import { parseDicomHeader } from "../ingest/parse-header";
import { readInstanceMetadata } from "../ingest/read-instance";
import { buildViewableCopy, findViewerProblem } from "./index";

/**
 * Third-party files (../shared/dicom-samples, absent from the repository, so
 * skipped without it): every file ingest accepts that has pixel data must
 * reach the viewer, as it is or through a copy the browser's parser reads.
 * With dcmtk's dcmdump on PATH, the copy must also dump like the original.
 */
const samplesRoot = path.resolve(__dirname, "..", "..", "..", "..", "shared", "dicom-samples");
const hasDcmdump = (() => {
  try {
    execFileSync("dcmdump", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

interface Accepted {
  name: string;
  bytes: Buffer;
  transferSyntaxUID: string;
  sopInstanceUID: string;
  bitsAllocated?: number;
}

function findAcceptedWithPixels(): Accepted[] {
  return listFiles(samplesRoot).flatMap((file) => {
    const bytes = readFileSync(file);
    try {
      const { instance } = readInstanceMetadata(bytes, file);
      if (!parseDicomHeader(bytes, file).dataSet.elements.x7fe00010) return [];
      const name = path.relative(samplesRoot, file);
      return [{ name, bytes, transferSyntaxUID: instance.TransferSyntaxUID, sopInstanceUID: instance.SOPInstanceUID, bitsAllocated: instance.BitsAllocated }];
    } catch {
      return [];
    }
  });
}

/** dcmdump's element lines without the meta group, group lengths, delimiters, VR column, lengths and sequence length kinds. */
function dumpNormalised(file: string, withPixels: boolean): string[] {
  const dump = execFileSync("dcmdump", ["+L", "+U8", file], { encoding: "latin1" });
  return dump
    .split("\n")
    .filter((line) => /^\s*\(/.test(line) && !/^\s*\((0002,|....,0000\)|fffe,)/.test(line) && (withPixels || !/^\s*\(7fe0,0010\)/.test(line)))
    .map((line) =>
      line
        .replace(/^(\s*\([0-9a-f]{4},[0-9a-f]{4}\)) .. /, "$1 ")
        .replace(/\s+#.*$/, "")
        .replace(/\((Sequence|Item) with (explicit|undefined) length #=(\d+)\)/, "($1 #=$3)"),
    );
}

function pixelBytes(bytes: Uint8Array): Buffer {
  const dataSet = dicomParser.parseDicom(bytes);
  const element = dataSet.elements.x7fe00010!;
  return Buffer.from(dataSet.byteArray.subarray(element.dataOffset, element.dataOffset + element.length));
}

const describeIfSamples = existsSync(samplesRoot) ? describe : describe.skip;

describeIfSamples(`viewer-ready copies of the sample corpus in ${samplesRoot}`, () => {
  const files = existsSync(samplesRoot) ? findAcceptedWithPixels() : [];
  const work = mkdtempSync(path.join(tmpdir(), "viewable-"));
  const reasons: string[] = [];
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    console.log(`viewer-ready copies:\n${reasons.join("\n")}`);
  });

  it.each(files.map((file) => [file.name, file] as const))("%s reaches the viewer", (name, file) => {
    const problem = findViewerProblem(file.bytes, { TransferSyntaxUID: file.transferSyntaxUID });
    if (!problem) {
      expect(() => dicomParser.parseDicom(file.bytes)).not.toThrow();
      return;
    }
    reasons.push(`${name}: ${problem}`);
    const copy = buildViewableCopy(file.bytes, { transferSyntaxUID: file.transferSyntaxUID });
    expect(() => dicomParser.parseDicom(copy.bytes)).not.toThrow();
    expect(findViewerProblem(copy.bytes, { TransferSyntaxUID: copy.transferSyntaxUID })).toBeUndefined();

    // The same image stored little endian elsewhere in the corpus has the pixel bytes the copy must have.
    const copyPixels = pixelBytes(copy.bytes);
    const twin = files.find(
      (other) => other.sopInstanceUID === file.sopInstanceUID && ["1.2.840.10008.1.2", "1.2.840.10008.1.2.1"].includes(other.transferSyntaxUID) && pixelBytes(other.bytes).length === copyPixels.length,
    );
    // 32-bit big endian dose grids in this corpus were written with whole-value swaps, not as OW words (see encode-data-set.ts).
    if (twin && file.transferSyntaxUID === "1.2.840.10008.1.2.2" && (file.bitsAllocated ?? 16) <= 16) expect(copyPixels.equals(pixelBytes(twin.bytes))).toBe(true);

    if (!hasDcmdump) return;
    const copyFile = path.join(work, `${name.replace(/[^\w.-]/g, "_")}.viewable.dcm`);
    writeFileSync(copyFile, copy.bytes);
    // dcmtk reads pixel data by its VR, as the copy is written: the dumps agree, pixels included.
    expect(dumpNormalised(copyFile, true)).toEqual(dumpNormalised(path.join(samplesRoot, name), true));
  });
});
