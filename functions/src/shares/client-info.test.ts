import { clientAddress, coarseLocation, describeBrowser, trustedProxies } from "./client-info";

describe("clientAddress", () => {
  const fastly = trustedProxies("151.101.0.0/16, 2a04:4e42::/32");

  it("takes the address Google's front end appended, the last X-Forwarded-For entry, skipping internal hops", () => {
    expect(clientAddress({ "x-forwarded-for": "81.2.69.142" })).toEqual({ address: "81.2.69.142", trusted: true });
    expect(clientAddress({ "x-forwarded-for": "81.2.69.142, 10.0.0.1" })).toEqual({ address: "81.2.69.142", trusted: true });
    expect(clientAddress({ "x-forwarded-for": "::ffff:81.2.69.142" })).toEqual({ address: "81.2.69.142", trusted: true });
  });

  it("forged forwarding headers do not choose the address: fastly-client-ip and earlier X-Forwarded-For entries are the caller's own words", () => {
    expect(clientAddress({ "fastly-client-ip": "8.8.8.8", "x-forwarded-for": "8.8.4.4, 81.2.69.142" })).toEqual({ address: "81.2.69.142", trusted: true });
    expect(clientAddress({ "fastly-client-ip": "8.8.8.8" })).toEqual({ address: "unknown", trusted: false });
    // A forged entry that claims to be Hosting's CDN hands over to nothing the caller did not write: the front end's entry is last.
    expect(clientAddress({ "x-forwarded-for": "8.8.8.8, 151.101.1.1, 81.2.69.142" }, fastly)).toEqual({ address: "81.2.69.142", trusted: true });
  });

  it("behind Hosting's CDN (a trusted proxy range), takes the entry the CDN appended before its own", () => {
    expect(clientAddress({ "x-forwarded-for": "8.8.8.8, 81.2.69.142, 151.101.2.9" }, fastly)).toEqual({ address: "81.2.69.142", trusted: true });
    // Without the range configured, the CDN node itself is the address: a shared count, stricter, never looser.
    expect(clientAddress({ "x-forwarded-for": "8.8.8.8, 81.2.69.142, 151.101.2.9" })).toEqual({ address: "151.101.2.9", trusted: true });
  });

  it("with no trustworthy address, says so rather than trusting something that is not an address", () => {
    expect(clientAddress({})).toEqual({ address: "unknown", trusted: false });
    expect(clientAddress({ "x-forwarded-for": "<script>" })).toEqual({ address: "unknown", trusted: false });
    expect(clientAddress({ "x-forwarded-for": "127.0.0.1, 10.1.1.1" })).toEqual({ address: "unknown", trusted: false });
  });

  it("refuses a proxy list it cannot read, naming the entry", () => {
    expect(() => trustedProxies("151.101.0.0/16, fastly")).toThrow('"fastly" is not an address range');
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
