"use client";
/** `/shares/`: every link the user has made, its status and use, with Copy, Revoke and its access log. */
import type { ShareLinkRecord } from "@pacs/shared";
import type { User } from "firebase/auth";
import Link from "next/link";
import { Fragment, useEffect, useState } from "react";
import { RequireAccount } from "@/components/RequireAccount";
import { TableHead } from "@/components/TableHead";
import { AccessLog } from "@/components/share/AccessLog";
import { ShareLinkActions } from "@/components/share/ShareLinkActions";
import { formatCount } from "@/lib/format";
import { SHARE_STATUS_TEXT, shareRowStatus, useShareLinks } from "@/lib/share-links";

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
    <Fragment>
      <tr data-link-id={link.linkId}>
        <td>
          <Link href={`/study/?uid=${encodeURIComponent(link.StudyInstanceUID)}`}>{link.studyTitle}</Link>
        </td>
        <td>{link.label ?? <span className="muted">—</span>}</td>
        <td>
          <span className={`badge status-badge ${status === "active" ? "ok" : "warn"}`} data-status={status}>
            {SHARE_STATUS_TEXT[status]}
          </span>
          {link.pinProtected ? <span className="muted"> · PIN</span> : null}
          {link.allowDownload ? <span className="muted"> · download</span> : null}
        </td>
        <td>{link.expiresAt.toLocaleString()}</td>
        <td className="numeric">
          {formatCount(link.views)}
          {link.maxViews !== null ? ` / ${formatCount(link.maxViews)}` : ""}
        </td>
        <td>{link.lastAccessAt ? link.lastAccessAt.toLocaleString() : <span className="muted">Never</span>}</td>
        <td>
          <div className="actions">
            {status === "active" || status === "locked" ? <ShareLinkActions user={user} link={link} /> : null}
            <button type="button" className="link" aria-expanded={showLog} onClick={() => setShowLog((shown) => !shown)}>
              {showLog ? "Hide access log" : "Access log"}
            </button>
          </div>
        </td>
      </tr>
      {showLog ? (
        <tr className="log-row">
          <td colSpan={7}>
            <AccessLog uid={user.uid} linkId={link.linkId} />
          </td>
        </tr>
      ) : null}
    </Fragment>
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
        <TableHead columns={["Study", "Label", "Status", "Expires", { label: "Views", numeric: true }, "Last opened", "Actions"]} />
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
