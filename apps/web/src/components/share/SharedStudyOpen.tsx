"use client";
import type { ShareOpenGrant } from "@pacs/shared";
import { useState } from "react";
import { formatDateTime } from "@/lib/format";
import { requestSharedDownload } from "@/lib/shares-api";
import { buildViewerUrl } from "@/lib/viewer-api";

/** A link that allows downloading offers both; a view-only link goes straight to the viewer (share page). */
export function SharedStudyOpen({ grant }: { grant: ShareOpenGrant }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const viewerUrl = buildViewerUrl(window.location.origin, grant.manifestPath);

  async function download() {
    setState({ busy: true, error: null });
    try {
      window.location.assign(await requestSharedDownload(grant.downloadPath!));
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  }

  return (
    <div className="card">
      <h1>A study shared with you</h1>
      <p>
        {grant.sharedBy} shared this study with you. This session ends at {formatDateTime(new Date(grant.expiresAt))}; open the link again after that.
      </p>
      <div className="actions">
        <a className="button" href={viewerUrl}>
          Open in viewer
        </a>
        <button type="button" className="secondary" onClick={download} disabled={state.busy} aria-busy={state.busy}>
          {state.busy ? "Preparing ZIP…" : "Download (ZIP)"}
        </button>
      </div>
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
    </div>
  );
}
