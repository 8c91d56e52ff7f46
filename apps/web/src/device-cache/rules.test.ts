import { buildStableKey, isEntryOfStudy, isOwnViewerPage, isSignedInstanceRequest } from "./rules";

const ORIGIN = "https://pacs.example";
const signed = (path: string, signature = "abc") =>
  `https://storage.googleapis.com/bucket${path}?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Date=20261202T080000Z&X-Goog-Expires=3600&X-Goog-SignedHeaders=host&X-Goog-Signature=${signature}`;
const INSTANCE = "/instances/u1/1.2.3/1.2.3.4/1.2.3.4.5.dcm";

describe("which requests the device cache may answer", () => {
  it("takes signed GETs of instances and their viewer-ready copies, in production and on the Storage emulator", () => {
    expect(isSignedInstanceRequest("GET", signed(INSTANCE))).toBe(true);
    expect(isSignedInstanceRequest("GET", signed("/instances/u1/1.2.3/1.2.3.4/1.2.3.4.5.viewable.dcm"))).toBe(true);
    expect(isSignedInstanceRequest("GET", `${signed(INSTANCE)}&frame=3`)).toBe(true);
    expect(isSignedInstanceRequest("GET", signed(INSTANCE).replace("https://storage.googleapis.com", "http://127.0.0.1:29204"))).toBe(true);
  });

  it("leaves everything else to the network: other methods, unsigned URLs, PDFs, downloads, app and API requests", () => {
    expect(isSignedInstanceRequest("POST", signed(INSTANCE))).toBe(false);
    expect(isSignedInstanceRequest("GET", signed(INSTANCE).split("?")[0]!)).toBe(false);
    expect(isSignedInstanceRequest("GET", signed("/instances/u1/1.2.3/1.2.3.4/1.2.3.4.5.pdf"))).toBe(false);
    expect(isSignedInstanceRequest("GET", signed("/downloads/u1/study.zip"))).toBe(false);
    expect(isSignedInstanceRequest("GET", `${ORIGIN}/api/viewer-manifests/abc`)).toBe(false);
    expect(isSignedInstanceRequest("GET", "not a url")).toBe(false);
  });
});

describe("the stable key", () => {
  it("is the same object across viewer sessions whose signatures, dates and frames differ", () => {
    const first = buildStableKey(signed(INSTANCE, "one"));
    expect(buildStableKey(`${signed(INSTANCE, "two").replace("20261202", "20261203")}&frame=2`)).toBe(first);
    expect(first).toBe(`https://storage.googleapis.com/bucket${INSTANCE}`);
  });

  it("differs between objects, and between accounts holding the same SOP Instance UID", () => {
    expect(buildStableKey(signed(INSTANCE))).not.toBe(buildStableKey(signed(INSTANCE.replace("u1", "u2"))));
    expect(buildStableKey(signed(INSTANCE))).not.toBe(buildStableKey(signed(INSTANCE.replace("5.dcm", "6.dcm"))));
  });
});

describe("which viewer pages use the device cache", () => {
  const viewer = (manifest: string) => `${ORIGIN}/ohif/viewer/dicomjson?url=${encodeURIComponent(manifest)}`;

  it("is the owner's viewer, opened with their own manifest", () => {
    expect(isOwnViewerPage(viewer(`${ORIGIN}/api/viewer-manifests/AbCdEfGhIjKlMnOpQrStUv`), ORIGIN)).toBe(true);
    expect(isOwnViewerPage(`${viewer(`${ORIGIN}/api/viewer-manifests/x`)}&StudyInstanceUIDs=1.2.3`, ORIGIN)).toBe(true);
  });

  it("is never a share link's viewer, another origin's manifest, or a page it cannot read", () => {
    expect(isOwnViewerPage(viewer(`${ORIGIN}/api/share-manifests/AbCdEfGhIjKlMnOpQrStUv`), ORIGIN)).toBe(false);
    expect(isOwnViewerPage(viewer(`https://evil.example/api/viewer-manifests/x`), ORIGIN)).toBe(false);
    expect(isOwnViewerPage(`${viewer(`${ORIGIN}/api/viewer-manifests/x`)}&url=${encodeURIComponent(`${ORIGIN}/api/share-manifests/y`)}`, ORIGIN)).toBe(false);
    expect(isOwnViewerPage(`${ORIGIN}/ohif/viewer/dicomjson`, ORIGIN)).toBe(false);
    expect(isOwnViewerPage(`${ORIGIN}/s/token`, ORIGIN)).toBe(false);
    expect(isOwnViewerPage(undefined, ORIGIN)).toBe(false);
  });
});

describe("which kept entries belong to a deleted study", () => {
  const key = (path: string) => buildStableKey(signed(path));
  it("matches the study's originals and viewer-ready copies, in production and on the Storage emulator", () => {
    expect(isEntryOfStudy(key(INSTANCE), "1.2.3")).toBe(true);
    expect(isEntryOfStudy(key("/instances/u1/1.2.3/1.2.3.4/1.2.3.4.5.viewable.dcm"), "1.2.3")).toBe(true);
    const emulator = "http://127.0.0.1:29204/v0/b/bucket/o/" + encodeURIComponent(INSTANCE.slice(1));
    expect(isEntryOfStudy(emulator, "1.2.3")).toBe(true);
  });

  it("keeps other studies, including one whose UID starts with the deleted one's, and anything that is not an instance", () => {
    expect(isEntryOfStudy(key(INSTANCE), "1.2")).toBe(false);
    expect(isEntryOfStudy(key("/instances/u1/1.2.30/1.2.3.4/1.2.3.4.5.dcm"), "1.2.3")).toBe(false);
    expect(isEntryOfStudy(key("/instances/u1/1.2.3/1.2.3.4/1.2.3.4.5.pdf"), "1.2.3")).toBe(false);
    expect(isEntryOfStudy("not a url", "1.2.3")).toBe(false);
  });
});
