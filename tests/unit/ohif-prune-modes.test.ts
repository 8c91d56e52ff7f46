/**
 * scripts/ohif/prune-modes.mjs: the viewer starts with only the longitudinal
 * mode, so OHIF does not fetch and compile the modes our app never opens.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";

const root = join(__dirname, "..", "..");

/** The module is ESM, which jest cannot load here: run it in its own node. */
function prune(text: string): { text: string; dropped: string[] } | { error: string } {
  const script = `import("./scripts/ohif/prune-modes.mjs").then((m) => { try { process.stdout.write(JSON.stringify(m.pruneModes(process.argv[1]))) } catch (e) { process.stdout.write(JSON.stringify({ error: e.message })) } })`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script, text], { cwd: root, encoding: "utf8" })) as { text: string; dropped: string[] } | { error: string };
}

// The generated plugin list as OHIF 3.13's app.bundle inlines it.
const pluginImports = [
  'pluginImports_extensions.push("@ohif/extension-default");',
  'pluginImports_extensions.push("@ohif/extension-cornerstone");',
  'pluginImports_extensions.push("@ohif/extension-ultrasound-pleura-bline");',
  'pluginImports_modes.push("@ohif/mode-longitudinal");',
  'pluginImports_modes.push("@ohif/mode-tmtv");',
  'pluginImports_modes.push("@ohif/mode-microscopy");',
].join("\n");

it("the viewer loads only the longitudinal mode and the extensions it needs at start-up, and the build stops if OHIF no longer lists that mode", () => {
  const result = prune(pluginImports);
  if ("error" in result) throw new Error(result.error);
  expect(result.dropped).toEqual(["@ohif/extension-ultrasound-pleura-bline", "@ohif/mode-tmtv", "@ohif/mode-microscopy"]);
  expect(result.text.match(/\.push\("[^"]+"\)/g)).toEqual(['.push("@ohif/extension-default")', '.push("@ohif/extension-cornerstone")', '.push("@ohif/mode-longitudinal")']);
  expect(prune(pluginImports.replace("mode-longitudinal", "mode-other"))).toEqual({ error: expect.stringContaining('no pluginImports_modes.push("@ohif/mode-longitudinal")') });
});
