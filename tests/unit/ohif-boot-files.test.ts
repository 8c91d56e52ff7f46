/**
 * scripts/ohif/boot-files.mjs: the files a viewer start needs are listed for
 * the study page's prefetch and preloaded from OHIF's index.html.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** The plugin loader as OHIF 3.13's app.bundle has it, cut to the plugins the viewer starts with and one it does not. */
const loader = (name: string, chunks: number[]) =>
  `  if (module === "${name}") {\n    const imported = await Promise.all(/* import() */ [${chunks.map((id) => `__webpack_require__.e(${id})`).join(", ")}]).then(x);\n    return imported.default;\n  }\n`;
const appBundle = [
  loader("@ohif/extension-default", [1673, 6214]),
  loader("@ohif/extension-cornerstone", [1673, 89]),
  loader("@ohif/mode-tmtv", [7499]),
  `  if (module === "@ohif/mode-longitudinal") {\n    const imported = await __webpack_require__.e(/* import() */ 5696).then(x);\n    return imported.default;\n  }\n`,
].join("");

function writeDist(): string {
  const dir = mkdtempSync(join(tmpdir(), "ohif-boot-"));
  writeFileSync(join(dir, "app.bundle.1258c2c20c4865be.js"), appBundle);
  for (const name of ["1673.bundle.b12fdc23afee74b3.js", "89.bundle.fd3a54098f57e9bd.js", "5696.bundle.292d30e7e9e1fab1.js", "7499.bundle.796480e788eda09a.js", "6214.css"]) writeFileSync(join(dir, name), "");
  writeFileSync(join(dir, "index.html"), '<html><head><script defer src="/ohif/app.bundle.1258c2c20c4865be.js"></script></head><body></body></html>');
  return dir;
}

it("lists the app bundle and the start-up chunks of the kept plugins for the study page, and preloads the chunks from OHIF's page", () => {
  const dir = writeDist();
  const script = `import("./scripts/ohif/boot-files.mjs").then((m) => process.stdout.write(JSON.stringify(m.writeBootFiles(process.argv[1], "/ohif/"))))`;
  const urls = JSON.parse(execFileSync(process.execPath, ["-e", script, dir], { cwd: root, encoding: "utf8" })) as string[];
  const expected = ["/ohif/app.bundle.1258c2c20c4865be.js", "/ohif/app.bundle.css", "/ohif/1673.bundle.b12fdc23afee74b3.js", "/ohif/5696.bundle.292d30e7e9e1fab1.js", "/ohif/6214.css", "/ohif/89.bundle.fd3a54098f57e9bd.js"];
  expect(urls).toEqual(expected);
  expect(JSON.parse(readFileSync(join(dir, "pacs-boot-files.json"), "utf8"))).toEqual(expected);
  // The TMTV mode's chunk is not started, so not fetched early either.
  expect(urls.join()).not.toContain("7499");
  const html = readFileSync(join(dir, "index.html"), "utf8");
  expect(html).toContain('<link rel="preload" as="script" href="/ohif/89.bundle.fd3a54098f57e9bd.js">');
  expect(html).toContain('<link rel="preload" as="style" href="/ohif/6214.css">');
  // The app bundle already has its script tag: not preloaded twice.
  expect(html).not.toContain('href="/ohif/app.bundle.1258c2c20c4865be.js"');
  expect(html.indexOf("preload")).toBeLessThan(html.indexOf("</head>"));
});
