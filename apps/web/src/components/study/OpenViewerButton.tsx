"use client";
import { useState } from "react";
import { useSession } from "@/lib/session";
import { buildViewerUrl, openViewerSession } from "@/lib/viewer-api";

/** Opens the study full-window in OHIF, through a manifest link that expires in minutes. */
export function OpenViewerButton({ studyInstanceUID }: { studyInstanceUID: string }) {
  const session = useSession();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (session.status !== "signedIn") return null;

  async function open() {
    if (session.status !== "signedIn") return;
    setState({ busy: true, error: null });
    try {
      const manifestPath = await openViewerSession(session.user, studyInstanceUID);
      window.location.assign(buildViewerUrl(window.location.origin, manifestPath));
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  }

  return (
    <>
      <button type="button" onClick={open} disabled={state.busy}>
        {state.busy ? "Opening…" : "Open in viewer"}
      </button>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
    </>
  );
}
