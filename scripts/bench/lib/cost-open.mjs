// One study opened as the app opens it (docs/viewer.md): a viewer session
// (ID token in, ticket cookie out), the manifest read with that cookie, then
// every instance fetched by its signed URL, as OHIF does, through the
// Storage counter so that each fetch is counted as the Class B read it is.

/** Instance URLs of a dicomjson manifest (OHIF's `dicomweb:` prefix removed). */
function listInstanceUrls(manifest) {
  return manifest.studies.flatMap((study) => study.series.flatMap((series) => series.instances.map((instance) => String(instance.url ?? "").replace(/^dicomweb:/, ""))));
}

async function fetchAll(urls, concurrency) {
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      const response = await fetch(url);
      if (!response.ok) throw new Error(`GET signed instance URL: HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`);
      bytes += (await response.arrayBuffer()).byteLength;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return bytes;
}

/**
 * Opens `studyUID` for `user` once and returns how many instances and bytes
 * were fetched. Signed URLs are sent to `storageOrigin` (the counter), keeping
 * their path and signature.
 */
export async function openStudyOnce({ functionsOrigin, user, studyUID, storageOrigin }) {
  const session = await fetch(`${functionsOrigin}/api/studies/${encodeURIComponent(studyUID)}/viewer-session`, {
    method: "POST",
    headers: { Authorization: `Bearer ${user.idToken}`, "Content-Type": "application/json" },
    body: "{}",
  });
  if (session.status !== 201) throw new Error(`POST viewer-session: HTTP ${session.status}: ${(await session.text()).slice(0, 300)}`);
  const { manifestPath } = await session.json();
  const ticket = /__session=([^;]+)/.exec(session.headers.get("set-cookie") ?? "")?.[1];
  if (!ticket) throw new Error("POST viewer-session answered without a __session cookie");
  const manifestResponse = await fetch(`${functionsOrigin}${manifestPath}`, { headers: { Cookie: `__session=${ticket}` } });
  if (!manifestResponse.ok) throw new Error(`GET ${manifestPath}: HTTP ${manifestResponse.status}: ${(await manifestResponse.text()).slice(0, 300)}`);
  const urls = listInstanceUrls(await manifestResponse.json()).map((url) => {
    const counted = new URL(url);
    const origin = new URL(storageOrigin);
    counted.protocol = origin.protocol;
    counted.host = origin.host;
    return counted.toString();
  });
  // A browser opens six connections per host.
  const bytes = await fetchAll(urls, 6);
  return { instances: urls.length, bytes };
}
