"use client";
/**
 * Deleting a study is permanent, so it asks first and says exactly what goes:
 * whose study, how many images, how much space comes back.
 */
import type { StudyRecord } from "@pacs/shared";
import { useState } from "react";
import { ConfirmDialog } from "@/components/ConfirmDialog";
import { formatBytes, formatPersonName, formatQuantity } from "@/lib/format";
import { forgetStudyOnDevice } from "@/lib/device-cache";
import { useSession } from "@/lib/session";
import { deleteStudy } from "@/lib/studies-api";

export function DeleteStudyButton({ study }: { study: StudyRecord }) {
  const session = useSession();
  const [asking, setAsking] = useState(false);
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  if (session.status !== "signedIn") return null;
  const patient = formatPersonName(study.PatientName) || study.PatientID || "this patient";

  async function confirm() {
    if (session.status !== "signedIn") return;
    setAsking(false);
    setState({ busy: true, error: null });
    try {
      await deleteStudy(session.user, study.StudyInstanceUID);
      // Its images may also be kept in this browser (the opt-in device cache): they go too.
      // The server's deletion stands whatever happens here, so a failure is only logged.
      await forgetStudyOnDevice(study.StudyInstanceUID).catch((error: unknown) => console.warn("could not remove the study's images kept on this device", error));
      // The live list drops the row once the record is gone; nothing else to do here.
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  }

  return (
    <>
      <button type="button" className="secondary danger-text" onClick={() => setAsking(true)} disabled={state.busy} aria-label={`Delete the study of ${patient}`}>
        {state.busy ? "Deleting…" : "Delete"}
      </button>
      {state.error && (
        <span role="alert" className="error">
          {state.error}
        </span>
      )}
      {asking && (
        <ConfirmDialog title="Delete this study?" confirmLabel="Delete study" cancelLabel="Keep it" onConfirm={confirm} onCancel={() => setAsking(false)}>
          <p>
            The study of {patient}
            {study.StudyDescription ? ` (${study.StudyDescription})` : ""} and its {formatQuantity(study.NumberOfStudyRelatedInstances, "image")} will be
            deleted for good, freeing {formatBytes(study.totalBytes)}. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
