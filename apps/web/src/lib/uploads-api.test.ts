import { createUploadBatch, sealUploadBatch } from "./uploads-api";
import { UploadApiError } from "./upload-errors";

const user = { getIdToken: async () => "id-token" };
const noWait = async () => {};

function fakeFetch(...answers: (Response | Error)[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const answer = answers.shift();
    if (!answer) throw new Error("no more answers");
    if (answer instanceof Error) throw answer;
    return answer;
  }) as unknown as typeof globalThis.fetch;
  return { fetch, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

it("announces the batch with the user's token and returns its id", async () => {
  const { fetch, calls } = fakeFetch(json(201, { batchId: "batch-0001" }));
  const files = [{ relativePath: "study.zip", size: 10 }];
  await expect(createUploadBatch(user, { files }, { fetch })).resolves.toBe("batch-0001");
  expect(calls[0]?.url).toBe("/api/uploads");
  expect(calls[0]?.init.headers).toMatchObject({ Authorization: "Bearer id-token" });
  expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ files });
});

it("passes the server's quota message on, without retrying", async () => {
  const { fetch, calls } = fakeFetch(json(413, { error: "You use 9.9 GB of 10 GB; these files need 200 MB." }));
  const refused = createUploadBatch(user, { files: [{ relativePath: "a", size: 1 }] }, { fetch, sleep: noWait });
  await expect(refused).rejects.toBeInstanceOf(UploadApiError);
  await expect(refused).rejects.toMatchObject({ status: 413, message: "You use 9.9 GB of 10 GB; these files need 200 MB." });
  expect(calls).toHaveLength(1);
});

it("names the status when the server sent no message", async () => {
  const { fetch } = fakeFetch(new Response("<html>Forbidden</html>", { status: 403 }));
  await expect(createUploadBatch(user, { files: [{ relativePath: "a", size: 1 }] }, { fetch })).rejects.toThrow(
    "The upload service answered HTTP 403.",
  );
});

it("refuses an answer without a batch id", async () => {
  const { fetch } = fakeFetch(json(201, { id: "x" }));
  await expect(createUploadBatch(user, { files: [{ relativePath: "a", size: 1 }] }, { fetch })).rejects.toThrow("without a batch id");
});

it("seals, retrying when the network or the server fails for a moment", async () => {
  const { fetch, calls } = fakeFetch(new TypeError("Failed to fetch"), json(503, { error: "busy" }), json(200, { ok: true }));
  await sealUploadBatch(user, "batch-0001", { uploadedFileIds: ["f000001"] }, { fetch, sleep: noWait });
  expect(calls.map((c) => c.url)).toEqual(Array(3).fill("/api/uploads/batch-0001/seal"));
  expect(JSON.parse(String(calls[2]?.init.body))).toEqual({ uploadedFileIds: ["f000001"] });
});
