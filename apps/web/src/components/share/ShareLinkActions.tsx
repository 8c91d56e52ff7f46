"use client";
import type { ShareLinkRecord } from "@pacs/shared";
import type { User } from "firebase/auth";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { StatusMessage } from "@/components/StatusMessage";
import { readShareLinkPath, revokeShareLink, shareUrl } from "@/lib/shares-api";
import { useAction } from "@/lib/use-action";

/** Copy and Revoke for one live link; revoking asks first, since the recipient loses access at once. */
export function ShareLinkActions({ user, link }: { user: User; link: ShareLinkRecord }) {
  const [asking, setAsking] = useState(false);
  const state = useAction();
  const run = state.run;

  const copy = () =>
    run(async () => {
      const url = shareUrl(window.location.origin, await readShareLinkPath(user, link.linkId));
      try {
        await navigator.clipboard.writeText(url);
        return "Link copied.";
      } catch {
        window.prompt("Copy the link:", url);
        return null;
      }
    });

  const revoke = () => {
    setAsking(false);
    return run(async () => {
      await revokeShareLink(user, link.linkId);
      return null;
    });
  };

  return (
    <div className="actions">
      <button type="button" className="secondary" onClick={copy} disabled={state.busy}>
        Copy link
      </button>
      <button type="button" className="secondary danger-text" onClick={() => setAsking(true)} disabled={state.busy}>
        Revoke
      </button>
      <StatusMessage state={state} />
      {asking ? (
        <ConfirmDialog title="Revoke this link?" confirmLabel="Revoke link" cancelLabel="Keep it" onConfirm={revoke} onCancel={() => setAsking(false)}>
          <p>
            Whoever has the link{link.label ? ` (${link.label})` : ""} loses access at once: it no longer opens, and no new viewer session starts. Images
            already on their screen stay until they close the viewer. This cannot be undone; you can create a new link later.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
