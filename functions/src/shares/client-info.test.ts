import { clientAddress, coarseLocation, describeBrowser } from "./client-info";

describe("clientAddress", () => {
  it("prefers the CDN's client address, then the first forwarded address, then the socket", () => {
    expect(clientAddress({ "fastly-client-ip": "81.2.69.142", "x-forwarded-for": "10.0.0.1" }, "127.0.0.1")).toBe("81.2.69.142");
    expect(clientAddress({ "x-forwarded-for": "8.8.8.8, 10.0.0.1" }, "127.0.0.1")).toBe("8.8.8.8");
    expect(clientAddress({}, "::ffff:127.0.0.1")).toBe("127.0.0.1");
  });

  it("says unknown rather than trusting something that is not an address", () => {
    expect(clientAddress({ "x-forwarded-for": "<script>" }, undefined)).toBe("unknown");
  });
});

describe("coarseLocation", () => {
  it("names the country of a public address, from the local database", () => {
    expect(coarseLocation("8.8.8.8")).toBe("United States");
    expect(coarseLocation("81.2.69.142")).toBe("United Kingdom");
    expect(coarseLocation("2a00:1450:4001::1")).toBe("Germany");
  });

  it("calls loopback and private ranges the local network, and anything else unknown", () => {
    for (const address of ["127.0.0.1", "10.1.2.3", "192.168.0.9", "172.20.0.1", "::1", "fd00::1"]) {
      expect(coarseLocation(address)).toBe("Local network");
    }
    expect(coarseLocation("unknown")).toBe("Unknown");
  });
});

describe("describeBrowser", () => {
  it("gives the browser, its major version and the system", () => {
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.7390.54 Safari/537.36";
    expect(describeBrowser(chrome)).toBe("Chrome 141 on Linux");
    const ipad = "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
    expect(describeBrowser(ipad)).toBe("Safari 17 on iOS");
  });

  it("says unknown when there is nothing to go on", () => {
    expect(describeBrowser(undefined)).toBe("Unknown browser");
    expect(describeBrowser("curl-ish")).toBe("Unknown browser");
  });
});
