import { buildViewerUrl, openViewerSession } from "./viewer-api";

const user = { getIdToken: async () => "t" };

it("builds OHIF's dicomjson address around the absolute manifest URL", () => {
  expect(buildViewerUrl("https://pacs.example", "/api/viewer-manifests/abc.def")).toBe(
    "https://pacs.example/ohif/viewer/dicomjson?url=https%3A%2F%2Fpacs.example%2Fapi%2Fviewer-manifests%2Fabc.def",
  );
});

it("returns the manifest path, and passes a refusal's message on", async () => {
  const ok = (async () => new Response(JSON.stringify({ manifestPath: "/api/viewer-manifests/x.y", expiresAt: "2026-01-01T00:00:00Z" }), { status: 201 })) as unknown as typeof fetch;
  await expect(openViewerSession(user, "1.2.3", ok)).resolves.toBe("/api/viewer-manifests/x.y");
  const refused = (async () => new Response(JSON.stringify({ error: "There is no such study in your archive." }), { status: 404 })) as unknown as typeof fetch;
  await expect(openViewerSession(user, "1.2.3", refused)).rejects.toThrow("There is no such study in your archive.");
  const odd = (async () => new Response(JSON.stringify({ manifestPath: "https://evil.example/x" }), { status: 201 })) as unknown as typeof fetch;
  await expect(openViewerSession(user, "1.2.3", odd)).rejects.toThrow(/without a viewer link/);
});
