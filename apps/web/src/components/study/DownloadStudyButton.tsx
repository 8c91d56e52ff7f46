"use client";
import { useState } from "react";
import { useSession } from "@/lib/session";
import { requestStudyDownload } from "@/lib/studies-api";

/** Packs the study into a ZIP on the server (a large study takes a moment) and starts the download. */
export function DownloadStudyButton({ studyInstanceUID }: { studyInstanceUID: string }) {
  const session = useSession();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (session.status !== "signedIn") return null;

  async function download() {
    if (session.status !== "signedIn") return;
    setState({ busy: true, error: null });
    try {
      window.location.assign(await requestStudyDownload(session.user, studyInstanceUID));
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  }

  return (
    <>
      <button type="button" className="secondary" onClick={download} disabled={state.busy} aria-busy={state.busy}>
        {state.busy ? "Preparing ZIP…" : "Download (ZIP)"}
      </button>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
    </>
  );
}
