"use client";
import { DialogButton } from "@/components/DialogButton";
import { DeidentifiedDownloadDialog } from "./DeidentifiedDownloadDialog";

/** Opens the dialog that chooses the pseudonym and options, then downloads a de-identified ZIP of the study. */
export function DeidentifiedDownloadButton({ studyInstanceUID }: { studyInstanceUID: string }) {
  return (
    <DialogButton
      label="Download de-identified (ZIP)"
      dialog={(user, close) => <DeidentifiedDownloadDialog user={user} studyInstanceUID={studyInstanceUID} onClose={close} />}
    />
  );
}
