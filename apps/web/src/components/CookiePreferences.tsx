"use client";
/** The footer's "Cookie preferences": the same choices as the banner, to change or withdraw at any time. */
import { useEffect, useRef } from "react";
import { useTrackingConsent } from "@/lib/use-tracking-consent";
import { ConsentChoices } from "./consent/ConsentChoices";

export function CookiePreferences({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const consent = useTrackingConsent();
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="cookie-title" onClose={onClose}>
      <h2 id="cookie-title">Cookie preferences</h2>
      <p>
        {consent
          ? `Your choice from ${new Date(consent.decidedAt).toLocaleDateString()} is shown below. A change applies at once.`
          : "You have not made a choice yet, so nothing beyond signing in is stored."}
      </p>
      <ConsentChoices
        initial={{ analytics: consent?.analytics ?? false, advertising: consent?.advertising ?? false }}
        customizing
        onDecided={() => dialog.current?.close()}
      />
      <form method="dialog">
        <button type="submit" className="secondary">
          Close
        </button>
      </form>
    </dialog>
  );
}
