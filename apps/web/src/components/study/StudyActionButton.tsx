"use client";
import type { User } from "firebase/auth";
import { useState } from "react";
import { useSession } from "@/lib/session";

/**
 * A button that runs one server action for the signed-in user, shows that it
 * is busy (ZIPs and viewer links take a moment) and says what went wrong.
 */
export function StudyActionButton({
  label,
  busyLabel,
  className,
  action,
}: {
  label: string;
  busyLabel: string;
  className?: string;
  action: (user: User) => Promise<void>;
}) {
  const session = useSession();
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (session.status !== "signedIn") return null;

  async function run() {
    if (session.status !== "signedIn") return;
    setState({ busy: true, error: null });
    try {
      await action(session.user);
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  }

  return (
    <>
      <button type="button" className={className} onClick={run} disabled={state.busy} aria-busy={state.busy}>
        {state.busy ? busyLabel : label}
      </button>
      {state.error && (
        <p role="alert" className="error">
          {state.error}
        </p>
      )}
    </>
  );
}
