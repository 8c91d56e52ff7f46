/**
 * The prebuilt OHIF viewer served by the app under /ohif/: its page carries our
 * Content-Security-Policy, and it opens a dicomjson manifest whose instances live
 * on another origin (as signed Storage URLs will) and draws the image.
 */
import { readdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { LAPTOP, useFreshPagePerTest } from "../support/browser";
import { webUrl } from "../support/emulators";
import { buildGradientCt, countCanvasShades, GRADIENT_SIZE, waitForShades } from "../support/viewer";

const SIZE = GRADIENT_SIZE;
const UID = { study: "1.2.826.0.1.3680043.10.9.1", series: "1.2.826.0.1.3680043.10.9.2", sop: "1.2.826.0.1.3680043.10.9.3" };

function buildGradientCtForTest(): Uint8Array {
  return buildGradientCt([
    { tag: "0020000D", vr: "UI", value: UID.study },
    { tag: "0020000E", vr: "UI", value: UID.series },
    { tag: "00080018", vr: "UI", value: UID.sop },
  ]);
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
  const dicom = buildGradientCtForTest();
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

let study: { server: Server; manifestUrl: string };
beforeAll(async () => {
  study = await startStudyServer();
});
afterAll(async () => {
  await new Promise((resolve) => study?.server.close(resolve));
});

const currentPage = useFreshPagePerTest(LAPTOP);

describe("OHIF viewer under /ohif/", () => {
  it("serves OHIF's page for any viewer route, with our config, a Content-Security-Policy, and its hashed bundles cached as immutable", async () => {
    const response = await fetch(viewerUrl(study.manifestUrl));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('src="/ohif/app.bundle.');
    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("'wasm-unsafe-eval'");
    expect(csp).toMatch(/connect-src [^;]*http:\/\/127\.0\.0\.1:\*/);
    // PDFs are shown by the browser's PDF viewer in an <object> whose data is a signed Storage URL; nothing else may be embedded.
    expect(csp).toMatch(/object-src https:\/\/storage\.googleapis\.com http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*;/);
    expect(csp).toMatch(/frame-src blob: https:\/\/storage\.googleapis\.com http:\/\/127\.0\.0\.1:\* http:\/\/localhost:\*;/);
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);

    // The codec workers (and only they) run under their own policy, which lets Emscripten's glue evaluate code.
    const workerFiles = readdirSync(join(__dirname, "..", "..", "apps", "web", "out", "ohif", "workers"));
    expect(workerFiles.some((name) => /^\d+\.bundle\.[0-9a-f]+\.js$/.test(name))).toBe(true);
    for (const name of workerFiles) {
      const worker = await fetch(webUrl(`/ohif/workers/${name}`));
      expect(worker.status).toBe(200);
      const workerCsp = worker.headers.get("content-security-policy") ?? "";
      expect(workerCsp).toContain("'unsafe-eval'");
      expect(workerCsp).toContain("default-src 'none'");
    }
    const bundle = await fetch(webUrl(html.match(/src="(\/ohif\/app\.bundle\.[^"]+)"/)![1]!));
    expect(bundle.headers.get("content-security-policy")).not.toContain("'unsafe-eval'");
    // Hashed bundles stay in the browser's cache for good (docs/viewer.md); the page itself is revalidated.
    expect(bundle.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("cache-control") ?? "").not.toContain("immutable");

    const config = await (await fetch(webUrl("/ohif/app-config.js"))).text();
    expect(config).toContain("routerBasename: '/ohif'");
    // Our data source: OHIF's dicomjson for reading, storing measurement reports through DICOMweb (docs/viewer.md).
    expect(config).toContain("namespace: 'pacs.dataSourcesModule.dicomjsonStoringThroughDicomweb'");
    expect(config).toContain("sourceName: 'dicomjson'");
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
