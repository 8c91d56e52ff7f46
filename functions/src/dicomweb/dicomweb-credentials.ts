import { looksLikeAccessToken } from "../access-tokens/verify-access-token";

/**
 * What an `Authorization` header offers the DICOMweb service:
 * - `Bearer <personal access token>` or `Bearer <Firebase ID token>`;
 * - `Basic base64(<any user name>:<personal access token>)`, because
 *   Orthanc's `DicomWeb.Servers` (Username/Password), Weasis and OHIF's
 *   `requestOptions.auth` send Basic credentials. A token in the user name
 *   with an empty password is taken too (what `curl -u <token>:` sends).
 * A Firebase ID token is taken as Bearer only: Basic is for tools.
 */
export type DicomwebCredentials =
  | { kind: "access-token"; token: string }
  | { kind: "id-token"; token: string }
  | { kind: "none"; problem: string };

const NONE = "This DICOMweb service needs a token: send Authorization: Bearer <personal access token> (Settings → Connect a tool).";
const BASIC_WITHOUT_TOKEN = "Basic authentication takes a personal access token as the password (any user name). Create one in Settings → Connect a tool.";

export function readDicomwebCredentials(authorization: string | undefined): DicomwebCredentials {
  const header = (authorization ?? "").trim();
  const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (bearer) return looksLikeAccessToken(bearer) ? { kind: "access-token", token: bearer } : { kind: "id-token", token: bearer };
  const basic = /^Basic\s+([A-Za-z0-9+/=_-]+)$/i.exec(header)?.[1];
  if (basic === undefined) return { kind: "none", problem: NONE };
  const decoded = Buffer.from(basic, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  const [user, password] = colon < 0 ? [decoded, ""] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  const token = password || user;
  return looksLikeAccessToken(token) ? { kind: "access-token", token } : { kind: "none", problem: BASIC_WITHOUT_TOKEN };
}
