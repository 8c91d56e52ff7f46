import jpeg from "jpeg-js";
import { PNG } from "pngjs";
import { buildImageDicom, type TestImageSpec } from "../../thumbnails/testing/build-image-dicom";
import { DicomwebError } from "../dicomweb-error";
import { parseRenderQuery, renderFrame } from "./render";

const SPEC: TestImageSpec = { rows: 40, columns: 60, bitsAllocated: 16 };
/** Frame 1 dark, frame 2 bright, so the frame rendered shows. */
const twoFrames = new Uint8Array(new Uint16Array([...new Array(2400).fill(100), ...new Array(2400).fill(3000)]).buffer);
const file = buildImageDicom({ ...SPEC, window: [1500, 3000] }, "1.2.840.10008.1.2.1", { native: twoFrames }, [{ tag: "00280008", vr: "IS", value: "2" }]);

describe("parseRenderQuery", () => {
  it("reads viewport, quality and window, and ignores what it does not support", () => {
    expect(parseRenderQuery({ viewport: "256,128,0,0,10,10", quality: "75", window: "40,400,LINEAR", annotation: "patient" }, "image/jpeg")).toEqual({
      mediaType: "image/jpeg",
      viewport: { width: 256, height: 128 },
      quality: 75,
      window: { center: 40, width: 400 },
    });
  });

  it.each([{ viewport: "0,10" }, { viewport: "abc" }, { quality: "101" }, { window: "40,400,sigmoid" }, { window: "40" }])("refuses %j with 400", (query) => {
    expect(() => parseRenderQuery(query, "image/png")).toThrow(DicomwebError);
  });
});

describe("renderFrame", () => {
  it("renders the frame asked for, fitted inside the viewport, as PNG", async () => {
    const png = PNG.sync.read(Buffer.from(await renderFrame(file, 2, { mediaType: "image/png", viewport: { width: 30, height: 30 } })));
    expect([png.width, png.height]).toEqual([30, 20]);
    expect(png.data[0]).toBeGreaterThan(200);
    const first = PNG.sync.read(Buffer.from(await renderFrame(file, 1, { mediaType: "image/png" })));
    expect([first.width, first.height]).toEqual([60, 40]);
    expect(first.data[0]).toBeLessThan(50);
  });

  it("renders a decodable JPEG, windowed as asked", async () => {
    const image = jpeg.decode(Buffer.from(await renderFrame(file, 1, { mediaType: "image/jpeg", window: { center: 100, width: 1 } })));
    expect([image.width, image.height]).toEqual([60, 40]);
    expect(image.data[0]).toBeGreaterThan(200);
  });

  it("refuses an image it cannot decode with 400 and the reason", async () => {
    const broken = buildImageDicom(SPEC, "1.2.840.10008.1.2.4.90", { frames: [new Uint8Array([1, 2, 3, 4])] });
    await expect(renderFrame(broken, 1, { mediaType: "image/png" })).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/cannot be rendered/) });
  });
});
