import { readDicomwebCredentials } from "./dicomweb-credentials";

const PAT = `pacs_pat_${"0".repeat(32)}_${"a".repeat(43)}`;
const basic = (text: string) => `Basic ${Buffer.from(text).toString("base64")}`;

it("takes a Bearer personal access token or Firebase ID token", () => {
  expect(readDicomwebCredentials(`Bearer ${PAT}`)).toEqual({ kind: "access-token", token: PAT });
  expect(readDicomwebCredentials("bearer eyJhbGciOi.e30.sig")).toEqual({ kind: "id-token", token: "eyJhbGciOi.e30.sig" });
});

it("takes Basic with any user name and the token as the password (Orthanc, Weasis, OHIF)", () => {
  expect(readDicomwebCredentials(basic(`orthanc:${PAT}`))).toEqual({ kind: "access-token", token: PAT });
  expect(readDicomwebCredentials(basic(`:${PAT}`))).toEqual({ kind: "access-token", token: PAT });
});

it("takes Basic with the token as the user name and no password (curl -u <token>:)", () => {
  expect(readDicomwebCredentials(basic(`${PAT}:`))).toEqual({ kind: "access-token", token: PAT });
});

it("refuses a Firebase ID token or a password in Basic, saying Basic takes an access token", () => {
  for (const header of [basic("alice@example.com:hunter2"), basic("x:eyJhbGciOi.e30.sig")]) {
    const credentials = readDicomwebCredentials(header);
    expect(credentials.kind).toBe("none");
    expect(credentials.kind === "none" && credentials.problem).toMatch(/Basic authentication takes a personal access token/);
  }
});

it.each([undefined, "", "Bearer", "Token abc", "Digest username=x"])("asks for a token when the header is %p", (header) => {
  const credentials = readDicomwebCredentials(header);
  expect(credentials.kind === "none" && credentials.problem).toMatch(/needs a token/);
});
