/**
 * Copy-paste set-up for the tools Settings → Connect a tool names, filled
 * with this site's DICOMweb base URL and the token just created (or a
 * placeholder). Each says how the tool authenticates: OHIF and Orthanc send
 * HTTP Basic (any user name, the token as the password), Weasis and curl a
 * Bearer header.
 */

export const TOKEN_PLACEHOLDER = "<your personal access token>";

/** The DICOMweb root (PS3.18) on this site's origin, as QIDO, WADO and STOW roots. */
export function dicomwebBaseUrl(origin: string): string {
  return `${origin.replace(/\/+$/, "")}/dicomweb`;
}

export interface ToolSnippet {
  id: "ohif" | "orthanc" | "weasis" | "curl";
  title: string;
  /** Where the text goes, in a sentence. */
  where: string;
  text: string;
}

/** The user name tools send with the token in Basic credentials: any name works; this one reads well in logs. */
const BASIC_USER = "pacs";

function ohifDataSource(baseUrl: string, token: string): string {
  const source = {
    namespace: "@ohif/extension-default.dataSourcesModule.dicomweb",
    sourceName: "radiology-pacs",
    configuration: {
      friendlyName: "Radiology PACS",
      name: "radiology-pacs",
      qidoRoot: baseUrl,
      wadoRoot: baseUrl,
      wadoUriRoot: baseUrl,
      qidoSupportsIncludeField: true,
      imageRendering: "wadors",
      thumbnailRendering: "wadors",
      enableStudyLazyLoad: true,
      supportsFuzzyMatching: true,
      supportsWildcard: true,
      omitQuotationForMultipartRequest: true,
      // OHIF sends "user:password" as HTTP Basic.
      requestOptions: { auth: `${BASIC_USER}:${token}` },
    },
  };
  return JSON.stringify(source, null, 2);
}

function orthancServer(baseUrl: string, token: string): string {
  const entry = {
    DicomWeb: {
      Servers: {
        "radiology-pacs": {
          Url: `${baseUrl}/`,
          Username: BASIC_USER,
          Password: token,
          // One request per instance: each must stay under the 32 MB a request may carry.
          ChunkedTransfers: false,
          HasDelete: false,
        },
      },
    },
  };
  return JSON.stringify(entry, null, 2);
}

function weasisNode(baseUrl: string, token: string): string {
  return [`Description:   Radiology PACS`, `URL:           ${baseUrl}`, `HTTP header:   Authorization: Bearer ${token}`].join("\n");
}

function curlCommands(baseUrl: string, token: string): string {
  return [
    `TOKEN='${token}'`,
    "",
    "# Search for studies (QIDO-RS)",
    `curl -H "Authorization: Bearer $TOKEN" -H "Accept: application/dicom+json" "${baseUrl}/studies?limit=10"`,
    "",
    "# Store one DICOM file (STOW-RS): wrap it in a multipart/related body, then POST it",
    "FILE=image.dcm",
    "BOUNDARY=DICOMwebBoundary",
    `{ printf -- '--%s\\r\\nContent-Type: application/dicom\\r\\n\\r\\n' "$BOUNDARY"; cat "$FILE"; printf -- '\\r\\n--%s--\\r\\n' "$BOUNDARY"; } > stow-body.bin`,
    `curl -X POST -H "Authorization: Bearer $TOKEN" -H "Accept: application/dicom+json" \\`,
    `  -H "Content-Type: multipart/related; type=\\"application/dicom\\"; boundary=$BOUNDARY" \\`,
    `  --data-binary @stow-body.bin "${baseUrl}/studies"`,
  ].join("\n");
}

export function buildToolSnippets(baseUrl: string, token: string | null): ToolSnippet[] {
  const secret = token ?? TOKEN_PLACEHOLDER;
  return [
    {
      id: "ohif",
      title: "OHIF Viewer",
      where: "Add this entry to dataSources in OHIF's app-config.js, and set defaultDataSourceName to \"radiology-pacs\".",
      text: ohifDataSource(baseUrl, secret),
    },
    {
      id: "orthanc",
      title: "Orthanc as a gateway",
      where:
        "Merge this into orthanc.json (DICOMweb plugin). Then /dicom-web/servers/radiology-pacs/stow pushes studies here. Instead of Username and Password, \"HttpHeaders\": { \"Authorization\": \"Bearer <token>\" } works too.",
      text: orthancServer(baseUrl, secret),
    },
    {
      id: "weasis",
      title: "Weasis",
      where: "In Weasis: File → Preferences → DICOM node list, add a DICOMWeb node with these values.",
      text: weasisNode(baseUrl, secret),
    },
    { id: "curl", title: "curl", where: "In a terminal: a search, and storing one file.", text: curlCommands(baseUrl, secret) },
  ];
}
