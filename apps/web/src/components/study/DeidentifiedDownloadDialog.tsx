"use client";
/**
 * "Download de-identified (ZIP)": the same choices as the share dialog's
 * "De-identify", then the server makes the copy with a fresh key (so two
 * downloads do not share UIDs) and the browser downloads it.
 */
import type { DeidentifiedDownload } from "@pacs/shared";
import type { User } from "firebase/auth";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { BurnedInSeriesList } from "@/components/deidentification/BurnedInSeriesList";
import { DeidentificationFields } from "@/components/deidentification/DeidentificationFields";
import { ProgressBar } from "@/components/ProgressBar";
import { requestDeidentifiedDownload } from "@/lib/deidentification-api";
import { buildDeidentificationRequest, EMPTY_DEIDENTIFICATION_FORM, type DeidentificationForm, type DeidentificationFormErrors } from "@/lib/deidentification-form";
import { formatQuantity } from "@/lib/format";
import { useDeidentificationCheck } from "@/lib/use-deidentification-check";

type Phase = { kind: "form"; error: string | null } | { kind: "busy" } | { kind: "done"; download: DeidentifiedDownload };

function Started({ download, onClose }: { download: DeidentifiedDownload; onClose: () => void }) {
  return (
    <>
      <p className="success" role="status">
        Your download has started: {formatQuantity(download.files, "de-identified file")} in {download.fileName}.
      </p>
      <p className="muted">
        If it did not start, <a href={download.url}>download the ZIP here</a>. The link works for a short time only.
      </p>
      {download.leftOut.length > 0 ? (
        <>
          <h3>Left out, with why</h3>
          <BurnedInSeriesList series={download.leftOut} label="Series left out of the ZIP" />
        </>
      ) : null}
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          Done
        </button>
      </div>
    </>
  );
}

export function DeidentifiedDownloadDialog({ user, studyInstanceUID, onClose }: { user: User; studyInstanceUID: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<DeidentificationForm>(EMPTY_DEIDENTIFICATION_FORM);
  const [errors, setErrors] = useState<DeidentificationFormErrors>({});
  const [phase, setPhase] = useState<Phase>({ kind: "form", error: null });
  const burnedIn = useDeidentificationCheck(user, studyInstanceUID, true);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = buildDeidentificationRequest(form, burnedIn.check?.status === "ready" ? burnedIn.check.value : null);
    setErrors(built.errors ?? {});
    if (!built.request) {
      requestAnimationFrame(() => dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setPhase({ kind: "busy" });
    try {
      const download = await requestDeidentifiedDownload(user, studyInstanceUID, built.request);
      setPhase({ kind: "done", download });
      window.location.assign(download.url);
    } catch (error) {
      setPhase({ kind: "form", error: (error as Error).message });
    }
  }

  const busy = phase.kind === "busy";
  return (
    // Closing with Escape while the server works would hide the outcome: the dialog stays until it is known.
    <dialog ref={dialog} className="dialog share-dialog" aria-labelledby="deid-download-title" onCancel={(event) => (busy ? event.preventDefault() : onClose())}>
      <h2 id="deid-download-title">Download de-identified (ZIP)</h2>
      {phase.kind === "done" ? (
        <Started download={phase.download} onClose={onClose} />
      ) : (
        <form onSubmit={submit} noValidate aria-busy={busy}>
          <fieldset className="plain" disabled={busy}>
            <legend className="visually-hidden">De-identification</legend>
            <DeidentificationFields idPrefix="download-deid" value={form} onChange={setForm} errors={errors} check={burnedIn.check} onRetryCheck={burnedIn.retry} />
          </fieldset>
          <div role="status" aria-live="polite">
            {busy ? (
              <>
                <ProgressBar label="Preparing the de-identified ZIP" value={null} max={1} />
                <p>Preparing the de-identified ZIP… this can take a minute for a large study.</p>
              </>
            ) : null}
          </div>
          {phase.kind === "form" && phase.error ? (
            <p role="alert" className="error">
              {phase.error}
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="secondary" onClick={onClose} disabled={busy}>
              Cancel
            </button>
            <button type="submit" disabled={busy} aria-busy={busy}>
              {busy ? "Preparing…" : "Prepare and download"}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
