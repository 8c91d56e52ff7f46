"use client";
import type { User } from "firebase/auth";
import { useState, type ReactNode } from "react";
import { useSession } from "@/lib/session";

/** A button that opens a dialog for the signed-in user (Share…, Download de-identified…); the dialog calls `close` when done. */
export function DialogButton({ label, dialog }: { label: string; dialog: (user: User, close: () => void) => ReactNode }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  if (session.status !== "signedIn") return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        {label}
      </button>
      {open ? dialog(session.user, () => setOpen(false)) : null}
    </>
  );
}
