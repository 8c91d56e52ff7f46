"use client";
import type { User } from "firebase/auth";
import { StatusMessage } from "@/components/StatusMessage";
import { useSession } from "@/lib/session";
import { useAction } from "@/lib/use-action";

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
  const state = useAction();
  if (session.status !== "signedIn") return null;
  const { user } = session;

  return (
    <>
      <button type="button" className={className} onClick={() => state.run(() => action(user))} disabled={state.busy} aria-busy={state.busy}>
        {state.busy ? busyLabel : label}
      </button>
      <StatusMessage state={state} />
    </>
  );
}
