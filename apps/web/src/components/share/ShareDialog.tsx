"use client";
/**
 * The share dialog: expiry, PIN, view limit, download, label and
 * de-identification; then the link, once, with Copy and Email. The PIN is
 * not in the link or the email, so that whoever intercepts one does not get both.
 */
import type { ShareExpiryPreset } from "@pacs/shared";
import type { User } from "firebase/auth";
import Link from "next/link";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { DeidentificationFields } from "@/components/deidentification/DeidentificationFields";
import { Checkbox, Field } from "@/components/Field";
import { formatDateTime, formatQuantity } from "@/lib/format";
import { buildShareRequest, customExpiryBounds, EMPTY_SHARE_FORM, pinDigitsFor, randomPin, type ShareForm, type ShareFormErrors } from "@/lib/share-form";
import { StatusMessage } from "@/components/StatusMessage";
import { createShareLink, emailShareLink, shareUrl, type CreatedShareLink } from "@/lib/shares-api";
import { useAction } from "@/lib/use-action";
import { useDeidentificationCheck } from "@/lib/use-deidentification-check";
import { CopyField } from "./CopyField";

const EXPIRY_CHOICES: Array<[ShareExpiryPreset | "custom", string]> = [
  ["1h", "1 hour"],
  ["24h", "24 hours"],
  ["7d", "7 days"],
  ["custom", "Until a date…"],
];

function EmailLink({ user, linkId }: { user: User; linkId: string }) {
  const [to, setTo] = useState("");
  const [note, setNote] = useState("");
  const action = useAction();
  const send = (event: FormEvent) => {
    event.preventDefault();
    return action.run(async () => {
      await emailShareLink(user, linkId, to.trim(), note);
      return `Sent to ${to.trim()}.`;
    });
  };
  return (
    <form onSubmit={send} noValidate aria-label="Send the link by email">
      <Field id="share-email-to" label="Send the link to (email)" type="email" value={to} onChange={(e) => setTo(e.target.value)} />
      <Field id="share-email-note" label="Note for them (optional, no patient details)" maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" className="secondary" disabled={action.busy || !to.trim()} aria-busy={action.busy}>
        {action.busy ? "Sending…" : "Send email"}
      </button>
      <StatusMessage state={action} />
    </form>
  );
}

function Created({ user, link, pin, deidentified, leftOut, onClose }: { user: User; link: CreatedShareLink; pin: string; deidentified: boolean; leftOut: number; onClose: () => void }) {
  const url = shareUrl(window.location.origin, link.path);
  const expires = formatDateTime(new Date(link.expiresAt));
  return (
    <>
      <p className="success" role="status">
        The link works until {expires}.
      </p>
      {deidentified ? (
        <p className="notice" data-testid="deidentified-preparing">
          The de-identified copy is being prepared. The link opens once it is ready; you can already send it. <Link href="/shares/">Shared links</Link> shows
          the progress.
          {leftOut > 0 ? ` ${formatQuantity(leftOut, "series", "series")} that may carry burned-in text ${leftOut === 1 ? "is" : "are"} left out.` : ""}
        </p>
      ) : null}
      <CopyField id="share-url" label="Link" value={url} />
      {pin ? (
        <p className="notice">
          PIN: <strong data-testid="share-pin">{pin}</strong>. Give it to the recipient separately, for example by phone: it is not in the link.
        </p>
      ) : null}
      <EmailLink user={user} linkId={link.linkId} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Done
        </button>
      </div>
    </>
  );
}

export function ShareDialog({ user, studyInstanceUID, onClose }: { user: User; studyInstanceUID: string; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<ShareForm>(EMPTY_SHARE_FORM);
  const [errors, setErrors] = useState<ShareFormErrors>({});
  const [state, setState] = useState<{ busy: boolean; error: string | null; created: CreatedShareLink | null }>({ busy: false, error: null, created: null });
  // Asked once the owner ticks "De-identify", not before: most shares do not need it.
  const burnedIn = useDeidentificationCheck(user, studyInstanceUID, form.deidentify);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  const set = <K extends keyof ShareForm>(key: K, value: ShareForm[K]) => setForm((current) => ({ ...current, [key]: value }));
  const bounds = customExpiryBounds(new Date());
  // Longer-lived links need longer PINs (share-pin-strength.ts); the label says how long for the chosen expiry.
  const pinDigits = pinDigitsFor(form, new Date());

  async function submit(event: FormEvent) {
    event.preventDefault();
    const built = buildShareRequest(studyInstanceUID, form, new Date(), burnedIn.check?.status === "ready" ? burnedIn.check.value : null);
    setErrors(built.errors ?? {});
    if (!built.request) {
      // Take the keyboard to the first field to fix, once React has drawn its error.
      requestAnimationFrame(() => dialog.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setState({ busy: true, error: null, created: null });
    try {
      setState({ busy: false, error: null, created: await createShareLink(user, built.request) });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message, created: null });
    }
  }

  return (
    <dialog ref={dialog} className="dialog share-dialog" aria-labelledby="share-title" onCancel={onClose}>
      <h2 id="share-title">Share this study</h2>
      {state.created ? (
        <Created
          user={user}
          link={state.created}
          pin={form.pin.trim()}
          deidentified={form.deidentify}
          leftOut={burnedIn.check?.status === "ready" && !form.deidentification.includeBurnedInText ? burnedIn.check.value.burnedInText.length : 0}
          onClose={onClose}
        />
      ) : (
        <form onSubmit={submit} noValidate>
          <fieldset className="choices">
            <legend>Link expires after</legend>
            {EXPIRY_CHOICES.map(([value, text]) => (
              <label key={value}>
                <input type="radio" name="expiry" value={value} checked={form.expiry === value} onChange={() => set("expiry", value)} /> {text}
              </label>
            ))}
          </fieldset>
          {form.expiry === "custom" ? (
            <Field id="share-until" label="Works until" type="datetime-local" min={bounds.min} max={bounds.max} value={form.customUntil} error={errors.customUntil} onChange={(e) => set("customUntil", e.target.value)} />
          ) : null}
          <div className="field-with-action">
            <Field
              id="share-pin"
              label={`PIN (optional, at least ${pinDigits} digits for this expiry)`}
              inputMode="numeric"
              autoComplete="off"
              value={form.pin}
              error={errors.pin}
              onChange={(e) => set("pin", e.target.value)}
            />
            <button type="button" className="secondary" onClick={() => set("pin", randomPin(Math.max(6, pinDigits)))}>
              Make one up
            </button>
          </div>
          <Field id="share-max-views" label="Maximum views (optional)" inputMode="numeric" value={form.maxViews} error={errors.maxViews} onChange={(e) => set("maxViews", e.target.value)} />
          <Field id="share-label" label="Label: whom it is for (optional)" maxLength={100} value={form.label} error={errors.label} onChange={(e) => set("label", e.target.value)} />
          <Checkbox id="share-download" label="Allow downloading the study (DICOM files in a ZIP)" checked={form.allowDownload} onChange={(e) => set("allowDownload", e.target.checked)} />
          <Checkbox
            id="share-deidentify"
            label="De-identify: share a copy without the patient's name and identifiers"
            checked={form.deidentify}
            onChange={(e) => set("deidentify", e.target.checked)}
          />
          {form.deidentify ? (
            <DeidentificationFields
              idPrefix="share-deid"
              value={form.deidentification}
              onChange={(value) => set("deidentification", value)}
              errors={{ pseudonym: errors.pseudonym, includeBurnedInText: errors.includeBurnedInText }}
              check={burnedIn.check}
              onRetryCheck={burnedIn.retry}
            />
          ) : null}
          {state.error ? (
            <p role="alert" className="error">
              {state.error}
            </p>
          ) : null}
          <div className="actions">
            <button type="button" className="secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" disabled={state.busy} aria-busy={state.busy}>
              {state.busy ? "Creating link…" : "Create link"}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}
