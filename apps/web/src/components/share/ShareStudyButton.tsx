"use client";
import { useState } from "react";
import { useSession } from "@/lib/session";
import { ShareDialog } from "./ShareDialog";

/** Opens the share dialog for one study. */
export function ShareStudyButton({ studyInstanceUID }: { studyInstanceUID: string }) {
  const session = useSession();
  const [open, setOpen] = useState(false);
  if (session.status !== "signedIn") return null;
  return (
    <>
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Share…
      </button>
      {open ? <ShareDialog user={session.user} studyInstanceUID={studyInstanceUID} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
