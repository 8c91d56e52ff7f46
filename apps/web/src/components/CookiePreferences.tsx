"use client";
/**
 * Cookie preferences. This version loads no analytics or advertising code at
 * all, so there is nothing to opt into yet; the dialog says so plainly. The
 * consent banner and per-category choices replace it with the privacy issue.
 */
import { useEffect, useRef } from "react";

export function CookiePreferences({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="cookie-title" onClose={onClose}>
      <h2 id="cookie-title">Cookie preferences</h2>
      <p>
        We only store what signing in needs (strictly necessary). No analytics or advertising code runs on this site, so
        there is nothing to accept or reject yet.
      </p>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
