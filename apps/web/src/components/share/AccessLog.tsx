"use client";
import { useEffect, useRef } from "react";
import { TableHead } from "@/components/TableHead";
import { formatDateTime } from "@/lib/format";
import { accessOutcomeText } from "@/lib/share-link-status";
import { useShareAccessLog } from "@/lib/share-links";

/** One link's access log in a dialog of its own, so that it is readable on a tablet beside a wide table. */
export function AccessLogDialog({ uid, linkId, title, onClose }: { uid: string; linkId: string; title: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog wide-dialog" aria-labelledby="access-log-title" onClose={onClose}>
      <h2 id="access-log-title">Access log: {title}</h2>
      <AccessLog uid={uid} linkId={linkId} />
      <form method="dialog" className="actions">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}

/** One link's access log: when, from where (country), with what browser, and what happened. */
export function AccessLog({ uid, linkId }: { uid: string; linkId: string }) {
  const live = useShareAccessLog(uid, linkId);
  if (live.status === "loading") return <p className="muted">Loading the access log…</p>;
  if (live.status === "error") return <p role="alert" className="error">{live.message}</p>;
  if (live.value.length === 0) return <p className="muted">Nobody has opened this link yet.</p>;
  return (
    <div className="table-scroll">
      <table className="studies access-log" aria-label="Access log">
        <TableHead columns={["Time", "What", "Location", "Browser"]} />
        <tbody>
          {live.value.map((entry, index) => (
            <tr key={`${entry.at.getTime()}-${index}`}>
              <td>{formatDateTime(entry.at)}</td>
              <td>{accessOutcomeText(entry)}</td>
              <td>{entry.location}</td>
              <td>{entry.browser}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
