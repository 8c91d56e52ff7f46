"use client";
/**
 * `/confirm-request/?request=&token=`: the link in a privacy confirmation
 * email. Opening it does nothing by itself (mail scanners open links too);
 * the person clicks to confirm.
 */
import { PRIVACY_CONTACT_EMAIL } from "@pacs/shared";
import { useSearchParams } from "next/navigation";
import { Suspense, useState } from "react";
import { StatusMessage } from "@/components/StatusMessage";
import { getFirebase } from "@/lib/firebase";
import { confirmPrivacyRequest } from "@/lib/privacy-api";
import { signOutOfDevice } from "@/lib/sign-out";
import { useAction } from "@/lib/use-action";

function ConfirmRequest() {
  const params = useSearchParams();
  const requestId = params.get("request") ?? "";
  const token = params.get("token") ?? "";
  const [done, setDone] = useState<"export" | "deletion" | null>(null);
  const action = useAction();
  const confirm = () =>
    action.run(async () => {
      const { kind } = await confirmPrivacyRequest(requestId, token);
      // The account is going: do not leave a session that points at it.
      if (kind === "deletion") await signOutOfDevice((await getFirebase()).auth).catch(() => undefined);
      setDone(kind);
    });

  if (!requestId || !token) {
    return (
      <p role="alert" className="error">
        This link is incomplete. Open the whole link from the email, or write to {PRIVACY_CONTACT_EMAIL}.
      </p>
    );
  }
  if (done === "export") {
    return (
      <p role="status" className="success">
        Confirmed. We are preparing your data and will email you a download link shortly.
      </p>
    );
  }
  if (done === "deletion") {
    return (
      <p role="status" className="success">
        Confirmed. Your account and all its data are being deleted; we will send one last email when it is done.
      </p>
    );
  }
  return (
    <>
      <p>Confirm the privacy request you made in Settings. If you did not make it, close this page.</p>
      <button type="button" className="danger" onClick={confirm} disabled={action.busy} aria-busy={action.busy}>
        {action.busy ? "Confirming…" : "Confirm"}
      </button>
      <StatusMessage state={action} />
    </>
  );
}

export default function ConfirmRequestPage() {
  return (
    <section className="card narrow">
      <h1>Confirm your request</h1>
      <Suspense>
        <ConfirmRequest />
      </Suspense>
    </section>
  );
}
