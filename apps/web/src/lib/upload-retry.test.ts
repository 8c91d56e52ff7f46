import { describeUploadError, isRetryableUploadError, UploadApiError } from "./upload-errors";
import { MAX_UPLOAD_ATTEMPTS, retryDelayMs, withRetry } from "./upload-retry";

const storageError = (code: string) => Object.assign(new Error(`Firebase Storage: ${code}`), { code });

describe("isRetryableUploadError", () => {
  it.each(["storage/retry-limit-exceeded", "storage/unknown", "storage/server-file-wrong-size"])("retries %p", (code) => {
    expect(isRetryableUploadError(storageError(code))).toBe(true);
  });

  it.each(["storage/unauthorized", "storage/unauthenticated", "storage/quota-exceeded", "storage/canceled", "storage/invalid-argument"])(
    "does not retry %p",
    (code) => {
      expect(isRetryableUploadError(storageError(code))).toBe(false);
    },
  );

  it("retries a request that got no answer or a server error, not a refusal", () => {
    expect(isRetryableUploadError(new TypeError("Failed to fetch"))).toBe(true);
    expect(isRetryableUploadError(new UploadApiError("no answer", 0))).toBe(true);
    expect(isRetryableUploadError(new UploadApiError("busy", 503))).toBe(true);
    expect(isRetryableUploadError(new UploadApiError("slow down", 429))).toBe(true);
    for (const status of [400, 401, 403, 413]) expect(isRetryableUploadError(new UploadApiError("no", status))).toBe(false);
    expect(isRetryableUploadError(new Error("bug"))).toBe(false);
  });
});

describe("describeUploadError", () => {
  it("explains storage refusals in words", () => {
    expect(describeUploadError(storageError("storage/unauthorized"))).toMatch("Storage refused this file");
    expect(describeUploadError(new TypeError("Failed to fetch"))).toBe("Cannot reach the server. Check your connection.");
    expect(describeUploadError(new UploadApiError("You have 1 GB free.", 413))).toBe("You have 1 GB free.");
    expect(describeUploadError("???")).toBe("The upload failed for an unknown reason.");
  });
});

describe("retryDelayMs", () => {
  it("doubles from about a second and stops growing at 30 s", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, middle))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelayMs(20, middle)).toBe(30_000);
  });

  it("spreads retries by ±20%", () => {
    expect(retryDelayMs(1, () => 0)).toBe(800);
    expect(retryDelayMs(1, () => 1)).toBe(1_200);
  });
});

describe("withRetry", () => {
  const sleeps: number[] = [];
  const options = { isRetryable: isRetryableUploadError, sleep: async (ms: number) => void sleeps.push(ms), delayMs: (n: number) => n * 10 };
  beforeEach(() => {
    sleeps.length = 0;
  });

  it("tries again after a network failure, waiting longer each time", async () => {
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      if (calls < 3) throw new TypeError("Failed to fetch");
      return "ok";
    }, options);
    expect(result).toBe("ok");
    expect(sleeps).toEqual([10, 20]);
  });

  it("gives up after the last attempt with the last error", async () => {
    let calls = 0;
    const failing = withRetry(async () => {
      calls += 1;
      throw new UploadApiError(`busy ${calls}`, 503);
    }, options);
    await expect(failing).rejects.toThrow(`busy ${MAX_UPLOAD_ATTEMPTS}`);
    expect(calls).toBe(MAX_UPLOAD_ATTEMPTS);
  });

  it("does not retry a refusal", async () => {
    let calls = 0;
    const refused = withRetry(async () => {
      calls += 1;
      throw new UploadApiError("Storage quota exceeded", 413);
    }, options);
    await expect(refused).rejects.toThrow("Storage quota exceeded");
    expect(calls).toBe(1);
    expect(sleeps).toEqual([]);
  });
});
