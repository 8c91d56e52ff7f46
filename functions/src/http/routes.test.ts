import { dispatchApiRequest } from "./routes";

describe("dispatchApiRequest", () => {
  it("answers the health check", async () => {
    await expect(dispatchApiRequest({ method: "GET", path: "/api/health/" })).resolves.toEqual({
      status: 200,
      body: { ok: true, service: "Radiology PACS" },
    });
  });

  it("names the path it does not know", async () => {
    const result = await dispatchApiRequest({ method: "POST", path: "/api/nope" });
    expect(result.status).toBe(404);
    expect(result.body).toEqual({ error: "No API route for POST /api/nope" });
  });
});
