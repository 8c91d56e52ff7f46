"use client";
/** `/shares/`: every link the user has made, its status and use, with Copy, Revoke and its access log. */
import type { ShareLinkRecord } from "@pacs/shared";
import type { User } from "firebase/auth";
import Link from "next/link";
import { useEffect, useState } from "react";
import { RequireAccount } from "@/components/RequireAccount";
import { TableHead } from "@/components/TableHead";
import { AccessLogDialog } from "@/components/share/AccessLog";
import { DeidentifiedCopyState } from "@/components/share/DeidentifiedCopyState";
import { ShareLinkActions } from "@/components/share/ShareLinkActions";
import { formatCount, formatDateTime } from "@/lib/format";
import { isLiveShareStatus, SHARE_STATUS_TEXT, shareRowStatus } from "@/lib/share-link-status";
import { useShareLinks } from "@/lib/share-links";

/** The time, re-read every 30 s, so that a link turns "Expired" on screen when it does. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

function LinkRow({ user, link, now }: { user: User; link: ShareLinkRecord; now: Date }) {
  const [showLog, setShowLog] = useState(false);
  const status = shareRowStatus(link, now);
  return (
    <tr data-link-id={link.linkId}>
      <td className="wrap">
        <Link href={`/study/?uid=${encodeURIComponent(link.StudyInstanceUID)}`}>{link.studyTitle}</Link>
        {link.label ? <div className="muted">For: {link.label}</div> : null}
        {link.deidentification ? <DeidentifiedCopyState copy={link.deidentification} /> : null}
      </td>
      <td>
        <span className={`badge status-badge ${status === "active" ? "ok" : "warn"}`} data-status={status}>
          {SHARE_STATUS_TEXT[status]}
        </span>
        {link.pinProtected ? <span className="muted"> · PIN</span> : null}
        {link.allowDownload ? <span className="muted"> · download</span> : null}
      </td>
      <td>{formatDateTime(link.expiresAt)}</td>
      <td className="numeric">
        {formatCount(link.views)}
        {link.maxViews !== null ? ` / ${formatCount(link.maxViews)}` : ""}
      </td>
      <td>{link.lastAccessAt ? formatDateTime(link.lastAccessAt) : <span className="muted">Never</span>}</td>
      <td>
        <div className="actions">
          {isLiveShareStatus(status) ? <ShareLinkActions user={user} link={link} /> : null}
          <button type="button" className="link" onClick={() => setShowLog(true)}>
            Access log
          </button>
        </div>
        {showLog ? <AccessLogDialog uid={user.uid} linkId={link.linkId} title={link.label ?? link.studyTitle} onClose={() => setShowLog(false)} /> : null}
      </td>
    </tr>
  );
}

function SharedLinks({ user }: { user: User }) {
  const live = useShareLinks(user.uid);
  const now = useNow();
  if (live.status === "loading") return <p className="muted" aria-busy="true">Loading your shared links…</p>;
  if (live.status === "error") return <p role="alert" className="error">{live.message}</p>;
  if (live.value.length === 0) {
    return (
      <div className="empty-state">
        <p>You have not shared any study yet.</p>
        <p className="muted">
          Open a study from <Link href="/studies/">your studies</Link> and choose Share.
        </p>
      </div>
    );
  }
  return (
    <div className="table-scroll" role="region" aria-label="Shared links" tabIndex={0}>
      <table className="studies share-links">
        <TableHead columns={["Study and label", "Status", "Expires", { label: "Views", numeric: true }, "Last opened", "Actions"]} />
        <tbody>
          {live.value.map((link) => (
            <LinkRow key={link.linkId} user={user} link={link} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function SharesPage() {
  return (
    <RequireAccount>
      {({ user }) => (
        <section>
          <h1>Shared links</h1>
          <p className="muted">Links stop working when they expire, reach their view limit or are revoked. Expired links are deleted 30 days later.</p>
          <SharedLinks user={user} />
        </section>
      )}
    </RequireAccount>
  );
}
