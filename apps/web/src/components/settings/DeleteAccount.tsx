"use client";
/**
 * Deleting the account: asks for the password again (the server wants a
 * sign-in from the last minutes), says exactly what goes, then sends a
 * confirmation link by email. Nothing is deleted until that link is opened.
 */
import { EmailAuthProvider, reauthenticateWithCredential, type User } from "firebase/auth";
import { useState, type FormEvent } from "react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { Field } from "@/components/Field";
import { describeError } from "@/lib/auth-errors";
import { requestPrivacyAction } from "@/lib/privacy-api";

export function DeleteAccount({ user }: { user: User }) {
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState("");
  const [state, setState] = useState<{ busy: boolean; error: string | null; sentTo: string | null }>({ busy: false, error: null, sentTo: null });
  const hasPassword = user.providerData.some((provider) => provider.providerId === "password");

  async function confirm(event?: FormEvent) {
    event?.preventDefault();
    setState({ busy: true, error: null, sentTo: null });
    try {
      if (hasPassword && user.email) await reauthenticateWithCredential(user, EmailAuthProvider.credential(user.email, password));
      const { email } = await requestPrivacyAction(user, "deletion");
      setAsking(false);
      setState({ busy: false, error: null, sentTo: email });
    } catch (error) {
      setState({ busy: false, error: describeError(error), sentTo: null });
    }
  }

  return (
    <div>
      <h3>Delete your account</h3>
      <p>Deletes your account, all your studies and uploads, your share links (they stop opening) and your activity log. It cannot be undone.</p>
      <button type="button" className="secondary danger-text" onClick={() => setAsking(true)} disabled={state.busy}>
        Delete my account…
      </button>
      {state.sentTo ? (
        <p role="status" className="success">
          We sent a link to {state.sentTo}. Your account is deleted only once you open it and confirm.
        </p>
      ) : null}
      {state.error && !asking ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
      {asking ? (
        <ConfirmDialog title="Delete your account?" confirmLabel={state.busy ? "Sending…" : "Email me the confirmation link"} cancelLabel="Keep my account" onConfirm={() => void confirm()} onCancel={() => setAsking(false)}>
          <p>Everything of yours will be deleted for good once you confirm by email: studies, uploads, share links and activity.</p>
          {hasPassword ? (
            <form onSubmit={confirm}>
              <Field id="delete-password" label="Your password, to confirm it is you" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            </form>
          ) : (
            <p className="muted">Signed in with Google: sign out and in again first if this was more than 10 minutes ago.</p>
          )}
          {state.error ? (
            <p role="alert" className="error">
              {state.error}
            </p>
          ) : null}
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
