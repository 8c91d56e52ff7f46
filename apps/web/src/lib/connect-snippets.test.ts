import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { buildToolSnippets, dicomwebBaseUrl, TOKEN_PLACEHOLDER } from "./connect-snippets";

const BASE = "https://pacs.example/dicomweb";
const TOKEN = `pacs_pat_${"0".repeat(32)}_${"a_b-".repeat(10)}xyz`;
const snippet = (id: string, token: string | null = TOKEN) => buildToolSnippets(BASE, token).find((s) => s.id === id)!.text;

it("puts the DICOMweb root under /dicomweb on the site's origin", () => {
  expect(dicomwebBaseUrl("https://pacs.example")).toBe(BASE);
  expect(dicomwebBaseUrl("http://127.0.0.1:5000/")).toBe("http://127.0.0.1:5000/dicomweb");
});

it("gives OHIF a dicomweb data source on the base URL that sends the token as HTTP Basic", () => {
  const source = JSON.parse(snippet("ohif"));
  expect(source.namespace).toBe("@ohif/extension-default.dataSourcesModule.dicomweb");
  expect(source.configuration).toMatchObject({ qidoRoot: BASE, wadoRoot: BASE, wadoUriRoot: BASE, requestOptions: { auth: `pacs:${TOKEN}` } });
});

it("gives Orthanc a DicomWeb.Servers entry with the token as the Basic password", () => {
  const entry = JSON.parse(snippet("orthanc")).DicomWeb.Servers["radiology-pacs"];
  expect(entry).toMatchObject({ Url: `${BASE}/`, Username: "pacs", Password: TOKEN });
});

it("gives Weasis the URL and a Bearer header", () => {
  expect(snippet("weasis")).toContain(`URL:           ${BASE}`);
  expect(snippet("weasis")).toContain(`Authorization: Bearer ${TOKEN}`);
});

it("uses a placeholder, in every snippet, when no token was just created", () => {
  for (const { text } of buildToolSnippets(BASE, null)) {
    expect(text).toContain(TOKEN_PLACEHOLDER);
    expect(text).not.toContain("pacs_pat_");
  }
});

describe("the curl snippet, run as written", () => {
  let server: Server;
  const seen: Array<{ method: string; url: string; headers: IncomingMessage["headers"]; body: Buffer }> = [];
  let dir: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) });
        res.writeHead(200, { "Content-Type": "application/dicom+json" }).end("[]");
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    dir = mkdtempSync(join(tmpdir(), "curl-snippet-"));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("searches with the token, and stores image.dcm as one application/dicom part of a multipart/related body", async () => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dicomweb`;
    const file = Buffer.concat([Buffer.alloc(128), Buffer.from("DICM"), Buffer.from([0, 1, 2, 255, 13, 10, 45, 45])]);
    writeFileSync(join(dir, "image.dcm"), file);
    const text = buildToolSnippets(base, TOKEN).find((s) => s.id === "curl")!.text;
    await promisify(execFile)("bash", ["-e", "-c", text.replace(/^curl /gm, "curl -sS -o /dev/null ")], { cwd: dir });

    const [search, store] = seen;
    expect(search).toMatchObject({ method: "GET", url: "/dicomweb/studies?limit=10" });
    expect(search!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(store).toMatchObject({ method: "POST", url: "/dicomweb/studies" });
    expect(store!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(store!.headers["content-type"]).toBe('multipart/related; type="application/dicom"; boundary=DICOMwebBoundary');
    const expected = Buffer.concat([Buffer.from("--DICOMwebBoundary\r\nContent-Type: application/dicom\r\n\r\n"), file, Buffer.from("\r\n--DICOMwebBoundary--\r\n")]);
    expect(store!.body.equals(expected)).toBe(true);
  });
});
