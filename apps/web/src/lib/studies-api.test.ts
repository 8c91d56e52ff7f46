import { ApiCallError } from "./api-call";
import { deleteStudy, requestStudyDownload } from "./studies-api";

const user = { getIdToken: async () => "token-1" };

it("sends the delete with the user's ID token", async () => {
  const calls: Array<[string, RequestInit]> = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    return new Response(JSON.stringify({ deleted: "1.2.3" }), { status: 200 });
  }) as unknown as typeof fetch;
  await deleteStudy(user, "1.2.3", fetchFn);
  expect(calls).toEqual([["/api/studies/1.2.3", { method: "DELETE", headers: { Authorization: "Bearer token-1" } }]]);
});

it("passes the server's message on, and says so when the network is down", async () => {
  const refused = (async () => new Response(JSON.stringify({ error: "There is no such study in your archive." }), { status: 404 })) as unknown as typeof fetch;
  await expect(deleteStudy(user, "1.2.3", refused)).rejects.toThrow("There is no such study in your archive.");
  const offline = (async () => {
    throw new TypeError("fetch failed");
  }) as unknown as typeof fetch;
  await expect(deleteStudy(user, "1.2.3", offline)).rejects.toBeInstanceOf(ApiCallError);
  await expect(deleteStudy(user, "1.2.3", offline)).rejects.toThrow(/Cannot reach the server/);
});

it("returns the download link, and refuses an answer without one", async () => {
  const ok = (async () => new Response(JSON.stringify({ url: "https://storage.example/x.zip?X-Goog-Signature=a" }), { status: 201 })) as unknown as typeof fetch;
  await expect(requestStudyDownload(user, "1.2.3", ok)).resolves.toBe("https://storage.example/x.zip?X-Goog-Signature=a");
  const odd = (async () => new Response(JSON.stringify({ url: "javascript:alert(1)" }), { status: 201 })) as unknown as typeof fetch;
  await expect(requestStudyDownload(user, "1.2.3", odd)).rejects.toThrow(/without a download link/);
});
