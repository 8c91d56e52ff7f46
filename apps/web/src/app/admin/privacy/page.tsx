"use client";
/**
 * `/admin/privacy/`: every privacy request with its 30-day due date, for
 * administrators (custom claim `admin`). They record requests that came to
 * the privacy address and run them once they have verified the requester.
 */
import { PRIVACY_CONTACT_EMAIL, PRIVACY_STATUS_TEXT, type PrivacyRequest, type PrivacyRequestKind } from "@pacs/shared";
import type { User } from "firebase/auth";
import { useEffect, useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Field } from "@/components/Field";
import { RequireAccount } from "@/components/RequireAccount";
import { StatusMessage } from "@/components/StatusMessage";
import { TableHead } from "@/components/TableHead";
import { formatDateTime } from "@/lib/format";
import { describeDue, recordEmailedRequest, runVerifiedRequest, useDeletionProofs, usePrivacyRequests } from "@/lib/privacy-api";
import { useAction } from "@/lib/use-action";

function useIsAdmin(user: User): boolean | null {
  const [admin, setAdmin] = useState<boolean | null>(null);
  useEffect(() => {
    user.getIdTokenResult(true).then(
      (result) => setAdmin(result.claims.admin === true),
      () => setAdmin(false),
    );
  }, [user]);
  return admin;
}

function RecordRequest({ user }: { user: User }) {
  const [form, setForm] = useState<{ email: string; kind: PrivacyRequestKind; note: string }>({ email: "", kind: "export", note: "" });
  const action = useAction();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    return action.run(async () => {
      await recordEmailedRequest(user, { email: form.email.trim(), kind: form.kind, ...(form.note.trim() ? { note: form.note.trim() } : {}) });
      setForm({ email: "", kind: form.kind, note: "" });
      return "Recorded. Verify the requester, then run it from the list.";
    });
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="record-title">
      <h2 id="record-title">Record a request that came by email</h2>
      <p className="muted">For requests sent to {PRIVACY_CONTACT_EMAIL}. Nothing runs until you verify the requester.</p>
      <Field id="request-email" label="Account email" type="email" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
      <fieldset className="choices">
        <legend>Request</legend>
        {(["export", "deletion"] as const).map((kind) => (
          <label key={kind}>
            <input type="radio" name="kind" checked={form.kind === kind} onChange={() => setForm({ ...form, kind })} /> {kind === "export" ? "Export (access)" : "Deletion (erasure)"}
          </label>
        ))}
      </fieldset>
      <Field id="request-note" label="Note (how it arrived, how you will verify)" value={form.note} onChange={(e) => setForm({ ...form, note: e.target.value })} />
      <button type="submit" disabled={action.busy}>
        Record request
      </button>
      <StatusMessage state={action} />
    </form>
  );
}

function RunButton({ user, request }: { user: User; request: PrivacyRequest }) {
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run() {
    setAsking(false);
    try {
      await runVerifiedRequest(user, request.requestId);
    } catch (caught) {
      setError((caught as Error).message);
    }
  }
  return (
    <>
      <button type="button" className={request.kind === "deletion" ? "secondary danger-text" : "secondary"} onClick={() => setAsking(true)}>
        {request.status === "failed" ? "Run again" : "Verify and run"}
      </button>
      {error ? <span role="alert" className="error">{error}</span> : null}
      {asking ? (
        <ConfirmDialog title={request.kind === "deletion" ? "Delete this account?" : "Send this export?"} confirmLabel={request.kind === "deletion" ? "Delete account" : "Run export"} cancelLabel="Not yet" onConfirm={run} onCancel={() => setAsking(false)}>
          <p>
            Only go on once you have verified that the requester controls {request.email}.{" "}
            {request.kind === "deletion" ? "Every study, upload and share link of this account will be deleted for good." : "The export link is emailed to that address."}
          </p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

function RequestTable({ user }: { user: User }) {
  const live = usePrivacyRequests(null);
  const now = new Date();
  if (live.status === "loading") return <p className="muted">Loading requests…</p>;
  if (live.status === "error") return <p role="alert" className="error">{live.message}</p>;
  if (live.value.length === 0) return <p className="muted">No open privacy requests.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Privacy requests" tabIndex={0}>
      <table className="studies" aria-label="All privacy requests">
        <TableHead columns={["Received", "Kind", "Account", "Source", "Status", "Due", "Action"]} />
        <tbody>
          {live.value.map((request) => {
            const due = describeDue(request.dueAt, now);
            const open = request.status !== "completed";
            return (
              <tr key={request.requestId} data-request-id={request.requestId}>
                <td>{formatDateTime(request.createdAt)}</td>
                <td>{request.kind}</td>
                <td>{request.email}</td>
                <td>{request.source === "app" ? "In the app" : "By email"}</td>
                <td data-status={request.status}>
                  {PRIVACY_STATUS_TEXT[request.status]}
                  {request.error ? <span className="error"> ({request.error})</span> : null}
                </td>
                <td className={open && due.overdue ? "error" : undefined}>
                  {request.dueAt.toLocaleDateString()} {open ? `(${due.text})` : ""}
                </td>
                <td>{["awaiting-verification", "awaiting-confirmation", "failed"].includes(request.status) ? <RunButton user={user} request={request} /> : null}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A finished deletion leaves no request behind, only its proof: listed here so that it can be shown. */
function DeletionProofs() {
  const live = useDeletionProofs();
  if (live.status !== "ready") return live.status === "error" ? <p role="alert" className="error">{live.message}</p> : null;
  if (live.value.length === 0) return null;
  return (
    <>
      <h2>Completed deletions</h2>
      <div className="table-scroll" role="region" aria-label="Completed deletions" tabIndex={0}>
        <table className="studies" aria-label="Deletion proofs">
          <TableHead columns={["Completed", "Asked", "Source", "Account (SHA-256 of uid)", { label: "Objects", numeric: true }, { label: "Documents", numeric: true }]} />
          <tbody>
            {live.value.map((proof) => (
              <tr key={proof.uidHash + proof.completedAt.getTime()}>
                <td>{formatDateTime(proof.completedAt)}</td>
                <td>{formatDateTime(proof.requestedAt)}</td>
                <td>{proof.source === "app" ? "In the app" : "By email"}</td>
                <td className="path">{proof.uidHash.slice(0, 16)}…</td>
                <td className="numeric">{proof.deleted.storageObjects}</td>
                <td className="numeric">{proof.deleted.firestoreDocuments}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function AdminPrivacy({ user }: { user: User }) {
  const admin = useIsAdmin(user);
  if (admin === null) return <p className="muted">Checking your access…</p>;
  if (!admin) return <p role="alert" className="error">This page is for administrators only.</p>;
  return (
    <>
      <RequestTable user={user} />
      <RecordRequest user={user} />
      <DeletionProofs />
    </>
  );
}

export default function AdminPrivacyPage() {
  return (
    <RequireAccount>
      {({ user }) => (
        <section>
          <h1>Privacy requests</h1>
          <AdminPrivacy user={user} />
        </section>
      )}
    </RequireAccount>
  );
}
