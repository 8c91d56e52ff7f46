"use client";
/** Settings → Privacy: a copy of all data, deletion, and the status of each request. */
import { PRIVACY_CONTACT_EMAIL, PRIVACY_STATUS_TEXT } from "@pacs/shared";
import type { User } from "firebase/auth";
import { StatusMessage } from "@/components/StatusMessage";
import { TableHead } from "@/components/TableHead";
import { formatDateTime } from "@/lib/format";
import { requestPrivacyAction, usePrivacyRequests } from "@/lib/privacy-api";
import { useAction } from "@/lib/use-action";
import { DeleteAccount } from "./DeleteAccount";

function ExportData({ user }: { user: User }) {
  const action = useAction();
  const ask = () =>
    action.run(async () => {
      const { email } = await requestPrivacyAction(user, "export");
      return `We sent a confirmation link to ${email}. Once you confirm, we prepare the ZIP and email you a download link.`;
    });
  return (
    <div>
      <h3>Download a copy of your data</h3>
      <p>A ZIP with your original DICOM files and JSON of your account, consents, uploads, study details, share links, access tokens (names and dates) and activity. The download link works for 7 days.</p>
      <button type="button" onClick={ask} disabled={action.busy} aria-busy={action.busy}>
        {action.busy ? "Sending…" : "Ask for my data"}
      </button>
      <StatusMessage state={action} />
    </div>
  );
}

function RequestList({ uid }: { uid: string }) {
  const live = usePrivacyRequests(uid);
  if (live.status === "loading") return <p className="muted">Loading your requests…</p>;
  if (live.status === "error") return <p role="alert" className="error">{live.message}</p>;
  if (live.value.length === 0) return null;
  return (
    <div className="table-scroll" role="region" aria-label="Your privacy requests" tabIndex={0}>
      <table className="studies" aria-label="Privacy requests">
        <TableHead columns={["Asked", "What", "Status"]} />
        <tbody>
          {live.value.map((request) => (
            <tr key={request.requestId} data-request-id={request.requestId}>
              <td>{formatDateTime(request.createdAt)}</td>
              <td>{request.kind === "export" ? "Copy of my data" : "Delete my account"}</td>
              <td data-status={request.status}>
                {PRIVACY_STATUS_TEXT[request.status]}
                {request.kind === "export" && request.exportExpiresAt ? ` · link emailed, works until ${formatDateTime(request.exportExpiresAt)}` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function PrivacyControls({ user }: { user: User }) {
  return (
    <section className="card" aria-labelledby="privacy-title">
      <h2 id="privacy-title">Your data</h2>
      <ExportData user={user} />
      <DeleteAccount user={user} />
      <h3>Your requests</h3>
      <p className="muted">
        We answer within 30 days. You can also write to <a href={`mailto:${PRIVACY_CONTACT_EMAIL}`}>{PRIVACY_CONTACT_EMAIL}</a>.
      </p>
      <RequestList uid={user.uid} />
    </section>
  );
}
