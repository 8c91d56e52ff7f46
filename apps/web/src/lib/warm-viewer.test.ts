import { BOOT_FILES_URL, warmViewer, type LinkHost } from "./warm-viewer";

/** A document head that records the links appended to it. */
function fakeDocument() {
  const links: Array<{ rel: string; href: string; as: string }> = [];
  const doc: LinkHost = {
    head: {
      querySelector: (selector: string) => links.find((link) => selector.includes(`href="${link.href}"`)) ?? null,
      append: (node: never) => links.push(node),
    },
    createElement: () => ({ rel: "", href: "", as: "" }),
  };
  return { doc, links };
}
const answer = (body: unknown, status = 200) => (async (url: string) => {
  expect(url).toBe(BOOT_FILES_URL);
  return new Response(JSON.stringify(body), { status });
}) as unknown as typeof fetch;

it("the study page prefetches OHIF's start-up files once, and carries on without them when the list is missing or odd", async () => {
  const { doc, links } = fakeDocument();
  const files = ["/ohif/app.bundle.1258c2c20c4865be.js", "/ohif/app.bundle.css"];
  await expect(warmViewer(doc, answer(files))).resolves.toEqual(files);
  expect(links).toEqual([
    { rel: "prefetch", as: "script", href: files[0] },
    { rel: "prefetch", as: "style", href: files[1] },
  ]);
  await expect(warmViewer(doc, answer(files))).resolves.toEqual([]);
  expect(links).toHaveLength(2);

  await expect(warmViewer(fakeDocument().doc, answer({}, 404))).resolves.toEqual([]);
  await expect(warmViewer(fakeDocument().doc, answer(["https://evil.example/x.js"]))).resolves.toEqual([]);
  await expect(warmViewer(fakeDocument().doc, (async () => Promise.reject(new Error("offline"))) as unknown as typeof fetch)).resolves.toEqual([]);
});
