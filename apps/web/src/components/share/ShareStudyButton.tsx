"use client";
import { DialogButton } from "@/components/DialogButton";
import { ShareDialog } from "./ShareDialog";

/** Opens the share dialog for one study. */
export function ShareStudyButton({ studyInstanceUID }: { studyInstanceUID: string }) {
  return <DialogButton label="Share…" dialog={(user, close) => <ShareDialog user={user} studyInstanceUID={studyInstanceUID} onClose={close} />} />;
}
