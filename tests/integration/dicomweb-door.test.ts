/** The DICOMweb service's door: on the app's origin behind the Hosting rewrite, CORS for browsers, and no answer without a token. */
import { webUrl } from "../support/emulators";

it("answers a browser's CORS preflight without a token", async () => {
  const response = await fetch(webUrl("/dicomweb/studies"), {
    method: "OPTIONS",
    headers: { Origin: "http://viewer.example", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
  });
  expect(response.status).toBe(204);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  expect(response.headers.get("access-control-allow-headers")).toMatch(/Authorization/i);
  expect(response.headers.get("access-control-allow-credentials")).toBeNull();
});

it.each([
  ["no token", undefined, /needs a token/],
  ["a wrong Firebase ID token", "Bearer not-a-jwt", /not valid/],
  ["a wrong personal access token", "Bearer pacs_pat_0000_wrong", /not valid: it is wrong, expired or revoked/],
])("refuses a search with %s (401, saying why)", async (_label, authorization, message) => {
  const response = await fetch(webUrl("/dicomweb/studies"), { headers: authorization ? { Authorization: authorization } : {} });
  expect(response.status).toBe(401);
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  expect(await response.text()).toMatch(message);
});
