/** The API lives on the app's own origin: Hosting rewrites /api/** to the `api` function. */
import { webUrl } from "../support/emulators";

it("answers /api/health through the Hosting rewrite", async () => {
  const response = await fetch(webUrl("/api/health"));
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ ok: true, service: "Radiology PACS" });
});

it("names an unknown API path instead of serving the web app", async () => {
  const response = await fetch(webUrl("/api/no-such-route"));
  expect(response.status).toBe(404);
  expect(await response.json()).toEqual({ error: "No API route for GET /api/no-such-route" });
});

it("serves the web app's runtime configuration next to the static build", async () => {
  const response = await fetch(webUrl("/runtime-config.json"));
  expect(response.status).toBe(200);
  const config = (await response.json()) as { firebase: { projectId: string }; emulators: Record<string, string> };
  expect(config.firebase.projectId).toBe(process.env.GCLOUD_PROJECT);
  expect(config.emulators.auth).toBe(process.env.FIREBASE_AUTH_EMULATOR_HOST);
});
