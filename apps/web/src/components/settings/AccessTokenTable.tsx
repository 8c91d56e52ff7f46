"use client";
/** The user's access tokens with their scope, dates and last use; Revoke stops a token at once, after a confirmation. */
import { ACCESS_TOKEN_SCOPE_TEXT, accessTokenStatus, type AccessTokenListItem } from "@pacs/shared";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { TableHead } from "@/components/TableHead";
import { formatDateTime } from "@/lib/format";

const when = (iso: string | undefined, none: string) => (iso ? formatDateTime(new Date(iso)) : none);
// Creation and expiry by the day; the Revoke button comes second, so that a tablet shows it without scrolling sideways.
const day = (iso: string) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

/** A live token's Revoke button; what became of the others. */
function StatusOrRevoke({ token, now, onRevoke }: { token: AccessTokenListItem; now: Date; onRevoke: () => void }) {
  const status = accessTokenStatus(token, now);
  if (status === "revoked") return <span className="badge warn">Revoked {when(token.revokedAt, "")}</span>;
  if (status === "expired") return <span className="badge warn">Expired</span>;
  return (
    <button type="button" className="secondary danger-text" onClick={onRevoke} aria-label={`Revoke ${token.name}`}>
      Revoke
    </button>
  );
}

export function AccessTokenTable({ tokens, onRevoke }: { tokens: AccessTokenListItem[]; onRevoke: (token: AccessTokenListItem) => Promise<void> }) {
  const [asking, setAsking] = useState<AccessTokenListItem | null>(null);
  const now = new Date();
  if (tokens.length === 0) return <p className="muted">You have no access tokens yet.</p>;
  return (
    <>
      <div className="table-scroll" role="region" aria-label="Your access tokens" tabIndex={0}>
        <table className="studies" aria-label="Access tokens">
          <TableHead columns={["Name", "Status", "Allowed to", "Last used", "Expires", "Created"]} />
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id} data-token-id={token.id}>
                <td className="wrap">{token.name}</td>
                <td>
                  <StatusOrRevoke token={token} now={now} onRevoke={() => setAsking(token)} />
                </td>
                <td>{ACCESS_TOKEN_SCOPE_TEXT[token.scope]}</td>
                <td>{when(token.lastUsedAt, "Never")}</td>
                <td>{day(token.expiresAt)}</td>
                <td>{day(token.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {asking ? (
        <ConfirmDialog
          title={`Revoke “${asking.name}”?`}
          confirmLabel="Revoke token"
          cancelLabel="Keep it"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            const token = asking;
            setAsking(null);
            void onRevoke(token);
          }}
        >
          <p>Tools using this token stop working at once: their next request is refused. This cannot be undone; create a new token to connect them again.</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}
