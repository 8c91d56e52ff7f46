/**
 * The prebuilt OHIF viewer served by the app under /ohif/: its page carries our
 * Content-Security-Policy, and it opens a dicomjson manifest whose instances live
 * on another origin (as signed Storage URLs will) and draws the image.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { buildCtElements, buildDicomFile } from "../../functions/src/ingest/testing/build-dicom";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";

const SIZE = 64;
const UID = { study: "1.2.826.0.1.3680043.10.9.1", series: "1.2.826.0.1.3680043.10.9.2", sop: "1.2.826.0.1.3680043.10.9.3" };

/** A diagonal gradient from about -200 to +200 HU: inside the 40/400 window, so every shade differs. */
function buildGradientPixels(): Uint8Array {
  const pixels = new Uint16Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y += 1) {
    for (let x = 0; x < SIZE; x += 1) pixels[y * SIZE + x] = 824 + Math.round(((x + y) * 400) / (2 * SIZE - 2));
  }
  return new Uint8Array(pixels.buffer);
}

function buildGradientCt(): Uint8Array {
  const elements = buildCtElements([
    { tag: "0020000D", vr: "UI", value: UID.study },
    { tag: "0020000E", vr: "UI", value: UID.series },
    { tag: "00080018", vr: "UI", value: UID.sop },
    { tag: "00280010", vr: "US", value: SIZE },
    { tag: "00280011", vr: "US", value: SIZE },
    { tag: "00281050", vr: "DS", value: "40" },
    { tag: "00281051", vr: "DS", value: "400" },
  ]);
  return buildDicomFile(elements, { pixelData: buildGradientPixels() });
}

/** OHIF's dicomjson format: studies[].series[].instances[].{metadata, url}. */
function buildManifest(instanceUrl: string) {
  return {
    studies: [
      {
        StudyInstanceUID: UID.study,
        StudyDate: "20240131",
        StudyTime: "101500",
        StudyDescription: "CT HEAD",
        PatientName: "Doe^Jane",
        PatientID: "PID-1",
        AccessionNumber: "ACC123",
        Modalities: "CT",
        NumInstances: 1,
        series: [
          {
            SeriesInstanceUID: UID.series,
            SeriesDescription: "Axial 5mm",
            SeriesNumber: 3,
            Modality: "CT",
            instances: [
              {
                metadata: {
                  StudyInstanceUID: UID.study,
                  SeriesInstanceUID: UID.series,
                  SOPInstanceUID: UID.sop,
                  SOPClassUID: "1.2.840.10008.5.1.4.1.1.2",
                  Modality: "CT",
                  InstanceNumber: 7,
                  Rows: SIZE,
                  Columns: SIZE,
                  SamplesPerPixel: 1,
                  PhotometricInterpretation: "MONOCHROME2",
                  BitsAllocated: 16,
                  BitsStored: 12,
                  HighBit: 11,
                  PixelRepresentation: 1,
                  PixelSpacing: [0.5, 0.5],
                  SliceThickness: 5,
                  ImagePositionPatient: [-125, -130.5, 42],
                  ImageOrientationPatient: [1, 0, 0, 0, 1, 0],
                  FrameOfReferenceUID: "1.2.826.0.1.3680043.10.1.4",
                  WindowCenter: 40,
                  WindowWidth: 400,
                  RescaleIntercept: -1024,
                  RescaleSlope: 1,
                },
                url: instanceUrl,
              },
            ],
          },
        ],
      },
    ],
  };
}

/** Another origin serving the manifest and the instance, with CORS as Storage does for signed URLs. */
async function startStudyServer(): Promise<{ server: Server; manifestUrl: string }> {
  const dicom = buildGradientCt();
  const server = createServer((request, response) => {
    response.setHeader("Access-Control-Allow-Origin", "*");
    response.setHeader("Access-Control-Allow-Headers", "*");
    if (request.method === "OPTIONS") return void response.writeHead(204).end();
    const { port } = server.address() as AddressInfo;
    if (request.url === "/manifest.json") {
      response.writeHead(200, { "Content-Type": "application/json" });
      return void response.end(JSON.stringify(buildManifest(`dicomweb:http://127.0.0.1:${port}/IM1.dcm`)));
    }
    if (request.url === "/IM1.dcm") {
      response.writeHead(200, { "Content-Type": "application/dicom", "Content-Length": dicom.length });
      return void response.end(dicom);
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { server, manifestUrl: `http://127.0.0.1:${port}/manifest.json` };
}

function viewerUrl(manifestUrl: string): string {
  return webUrl(`/ohif/viewer/dicomjson?url=${encodeURIComponent(manifestUrl)}`);
}

/** How many distinct grey levels the first viewport canvas shows (0 while there is none). */
function countCanvasShades(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>("canvas.cornerstone-canvas");
    const context = canvas && canvas.width > 0 ? canvas.getContext("2d") : null;
    if (!canvas || !context) return 0;
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    const shades = new Set<number>();
    for (let i = 0; i < data.length; i += 4) shades.add(data[i]!);
    return shades.size;
  });
}

/** Polls the viewport until it shows more than `minimum` grey levels: the image, not a blank canvas. */
async function waitForShades(page: Page, minimum: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await countCanvasShades(page)) <= minimum) {
    if (Date.now() > deadline) throw new Error(`the OHIF viewport showed no image within ${timeoutMs} ms`);
    await page.waitForTimeout(500);
  }
}

let study: { server: Server; manifestUrl: string };
beforeAll(async () => {
  study = await startStudyServer();
});
afterAll(async () => {
  await new Promise((resolve) => study?.server.close(resolve));
});

const currentPage = useFreshPagePerTest(LAPTOP);

describe("OHIF viewer under /ohif/", () => {
  it("serves OHIF's page for any viewer route, with our config and a Content-Security-Policy", async () => {
    const response = await fetch(viewerUrl(study.manifestUrl));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('src="/ohif/app.bundle.');
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toMatch(/connect-src [^;]*http:\/\/127\.0\.0\.1:\*/);
    expect(csp).toContain("object-src 'none'");

    const config = await (await fetch(webUrl("/ohif/app-config.js"))).text();
    expect(config).toContain("routerBasename: '/ohif'");
    expect(config).toContain("@ohif/extension-default.dataSourcesModule.dicomjson");
  });

  it("opens a dicomjson manifest from another origin and draws the image, with no CSP violation", async () => {
    const page = currentPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on("pageerror", (error) => {
      if (/Content Security Policy|unsafe-eval/i.test(error.message)) violations.push(error.message);
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        console.error(`Refused to load ${event.blockedURI}: Content Security Policy ${event.violatedDirective}`);
      });
    });

    await page.goto(viewerUrl(study.manifestUrl));
    await waitForShades(page, 16, 90_000);
    // A gradient, not a blank or single-colour viewport.
    expect(await countCanvasShades(page)).toBeGreaterThan(16);
    expect(page.url()).toContain("/ohif/viewer/dicomjson");
    expect(await page.getByText("Investigational use", { exact: false }).count()).toBe(0);
    expect(violations).toEqual([]);
  });
});
