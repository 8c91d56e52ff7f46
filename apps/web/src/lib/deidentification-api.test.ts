import { checkDeidentification, requestDeidentifiedDownload } from "./deidentification-api";

const user = { getIdToken: async () => "token-1" };
const answer = (status: number, body: unknown) => (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
const request = { pseudonym: "Case 12", options: { retainLongitudinalModifiedDates: true, retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: false, retainSafePrivate: false }, includeBurnedInText: false };

it("asks for the burned-in text check with the user's ID token, and reads its answer", async () => {
  const calls: Array<[string, RequestInit]> = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    calls.push([url, init]);
    return new Response(JSON.stringify({ instances: 3, burnedInText: [] }), { status: 200 });
  }) as unknown as typeof fetch;
  await expect(checkDeidentification(user, "1.2.3", fetchFn)).resolves.toEqual({ instances: 3, burnedInText: [] });
  expect(calls).toEqual([["/api/studies/1.2.3/deidentification-check", { method: "POST", headers: { Authorization: "Bearer token-1" } }]]);
  await expect(checkDeidentification(user, "1.2.3", answer(200, { instances: -1 }))).rejects.toThrow(/burned-in text check could not be read/);
  await expect(checkDeidentification(user, "1.2.3", answer(404, { error: "There is no such study in your archive." }))).rejects.toThrow("There is no such study in your archive.");
});

it("sends the owner's choices for the ZIP and returns the link, refusing an answer that is not a web address", async () => {
  let sent: unknown;
  const download = { url: "https://storage.example/d.zip?X-Goog-Signature=a", fileName: "Case 12.zip", files: 4, leftOut: [] };
  const fetchFn = (async (_url: string, init: RequestInit) => {
    sent = JSON.parse(String(init.body));
    return new Response(JSON.stringify(download), { status: 201 });
  }) as unknown as typeof fetch;
  await expect(requestDeidentifiedDownload(user, "1.2.3", request, fetchFn)).resolves.toEqual(download);
  expect(sent).toEqual(request);
  await expect(requestDeidentifiedDownload(user, "1.2.3", request, answer(201, { ...download, url: "javascript:alert(1)" }))).rejects.toThrow(/without a download link/);
  await expect(requestDeidentifiedDownload(user, "1.2.3", request, answer(400, { error: "Every image would be left out." }))).rejects.toThrow("Every image would be left out.");
});
