"use client";
import { TableHead } from "@/components/TableHead";
import { ACCESS_OUTCOME_TEXT, useShareAccessLog } from "@/lib/share-links";

/** One link's access log: when, from where (country), with what browser, and what happened. */
export function AccessLog({ uid, linkId }: { uid: string; linkId: string }) {
  const live = useShareAccessLog(uid, linkId);
  if (live.status === "loading") return <p className="muted">Loading the access log…</p>;
  if (live.status === "error") return <p role="alert" className="error">{live.message}</p>;
  if (live.value.length === 0) return <p className="muted">Nobody has opened this link yet.</p>;
  return (
    <table className="studies access-log" aria-label="Access log">
      <TableHead columns={["Time", "What", "Location", "Browser"]} />
      <tbody>
        {live.value.map((entry, index) => (
          <tr key={`${entry.at.getTime()}-${index}`}>
            <td>{entry.at.toLocaleString()}</td>
            <td>{ACCESS_OUTCOME_TEXT[entry.outcome]}</td>
            <td>{entry.location}</td>
            <td>{entry.browser}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
