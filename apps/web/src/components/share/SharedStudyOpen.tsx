"use client";
import type { ShareOpenGrant } from "@pacs/shared";
import { StatusMessage } from "@/components/StatusMessage";
import { formatDateTime } from "@/lib/format";
import { requestSharedDownload } from "@/lib/shares-api";
import { useAction } from "@/lib/use-action";
import { buildViewerUrl } from "@/lib/viewer-api";

/**
 * A link that allows downloading offers both; a view-only link goes straight
 * to the viewer (share page), unless it shares a de-identified copy: this
 * page says so first.
 */
export function SharedStudyOpen({ grant }: { grant: ShareOpenGrant }) {
  const state = useAction();
  const viewerUrl = buildViewerUrl(window.location.origin, grant.manifestPath);
  const download = () =>
    state.run(async () => {
      window.location.assign(await requestSharedDownload(grant.downloadPath!));
    });

  return (
    <div className="card">
      <h1>A study shared with you</h1>
      <p>
        {grant.sharedBy} shared this study with you. This session ends at {formatDateTime(new Date(grant.expiresAt))}; open the link again after that.
      </p>
      {grant.deidentified ? (
        <p className="notice" role="note" data-testid="deidentified-note">
          This is a de-identified copy: names and identifiers were replaced.
        </p>
      ) : null}
      <div className="actions">
        <a className="button" href={viewerUrl}>
          Open in viewer
        </a>
        {grant.downloadPath ? (
          <button type="button" className="secondary" onClick={download} disabled={state.busy} aria-busy={state.busy}>
            {state.busy ? "Preparing ZIP…" : "Download (ZIP)"}
          </button>
        ) : null}
      </div>
      <StatusMessage state={state} />
    </div>
  );
}
