"use client";
import { describeAuditEntry } from "@pacs/shared";
import Link from "next/link";
import { TableHead } from "@/components/TableHead";
import { formatDateTime } from "@/lib/format";
import { ACTIVITY_SHOWN, useActivity } from "@/lib/activity";

/** Settings → Activity: sign-ins, uploads, deletions, share links and every access to the user's studies, by them, through their share links or by an administrator. */
export function ActivityLog({ uid }: { uid: string }) {
  const live = useActivity(uid);
  return (
    <section className="card" aria-labelledby="activity-title">
      <h2 id="activity-title">Activity</h2>
      <p className="muted">
        Sign-ins, uploads, deletions, shared links and every access to your studies, including through your shared links. Entries are kept for a year, then deleted. The newest{" "}
        {ACTIVITY_SHOWN} are shown.
      </p>
      {live.status === "loading" ? (
        <p className="muted">Loading your activity…</p>
      ) : live.status === "error" ? (
        <p role="alert" className="error">
          {live.message}
        </p>
      ) : live.value.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Activity" tabIndex={0}>
          <table className="studies" aria-label="Activity log">
            <TableHead columns={["Time", "What", "Study", "By"]} />
            <tbody>
              {live.value.map((entry, index) => (
                <tr key={`${entry.at.getTime()}-${index}`} data-action={entry.action}>
                  <td>{formatDateTime(entry.at)}</td>
                  <td>{describeAuditEntry(entry)}</td>
                  <td>{entry.StudyInstanceUID ? <Link href={`/study/?uid=${encodeURIComponent(entry.StudyInstanceUID)}`}>Study</Link> : ""}</td>
                  <td>{entry.actor === "owner" ? "You" : entry.actor === "admin" ? "An administrator" : `Link recipient${entry.client ? ` (${entry.client})` : ""}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
