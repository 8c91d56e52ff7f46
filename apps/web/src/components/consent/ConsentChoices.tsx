"use client";
/**
 * Accept all / Reject all, styled alike so that neither is the easy way out,
 * and the per-category view. Shared by the banner and the footer's dialog.
 */
import type { TrackingChoice } from "@pacs/shared";
import { useId, useState } from "react";
import { decideTrackingConsent } from "@/lib/use-tracking-consent";

const ALL: TrackingChoice = { analytics: true, advertising: true };
const NONE: TrackingChoice = { analytics: false, advertising: false };

export function ConsentChoices({
  initial,
  customizing: startCustomizing,
  onDecided,
}: {
  initial: TrackingChoice;
  customizing: boolean;
  onDecided?: () => void;
}) {
  const [customizing, setCustomizing] = useState(startCustomizing);
  const [choice, setChoice] = useState(initial);
  const categoriesId = useId();

  function decide(next: TrackingChoice) {
    decideTrackingConsent(next);
    onDecided?.();
  }

  return (
    <>
      <div className="actions">
        <button type="button" onClick={() => decide(ALL)}>
          Accept all
        </button>
        <button type="button" onClick={() => decide(NONE)}>
          Reject all
        </button>
        {customizing ? null : (
          <button type="button" className="secondary" aria-controls={categoriesId} aria-expanded={false} onClick={() => setCustomizing(true)}>
            Customize
          </button>
        )}
      </div>
      {customizing ? (
        <fieldset id={categoriesId} className="consent-categories">
          <legend>Choose by category</legend>
          <label>
            <input type="checkbox" checked disabled /> <strong>Necessary</strong> (always on): keeps you signed in.
          </label>
          <label>
            <input type="checkbox" checked={choice.analytics} onChange={(event) => setChoice({ ...choice, analytics: event.target.checked })} />{" "}
            <strong>Analytics</strong>: Google Analytics counts page visits. It never receives study, patient or file data.
          </label>
          <label>
            <input type="checkbox" checked={choice.advertising} onChange={(event) => setChoice({ ...choice, advertising: event.target.checked })} />{" "}
            <strong>Advertising</strong>: we show no ads; this only lets Google use analytics data for advertising purposes.
          </label>
          <button type="button" onClick={() => decide(choice)}>
            Save choices
          </button>
        </fieldset>
      ) : null}
    </>
  );
}
