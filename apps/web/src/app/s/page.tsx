"use client";
/**
 * `/s/<token>`: a shared study, for anyone with the link and no account.
 * Firebase Hosting serves this page for every `/s/**` path. Nothing is
 * opened until the recipient presses "Open study": mail scanners and link
 * previews load pages and run their scripts, and an open on load would spend
 * the views of a view-limited link before the recipient sees it. After the
 * press it asks for the PIN when there is one, then opens the viewer; dead
 * links get a plain page that says what happened and whom to ask, and
 * nothing about the study. A de-identified link whose copy is not ready yet
 * says so and offers "Try again".
 */
import type { ShareOpenRefusal } from "@pacs/shared";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Field } from "@/components/Field";
import { PreparingShare } from "@/components/share/PreparingShare";
import { SharedStudyOpen } from "@/components/share/SharedStudyOpen";
import { openSharedLink, tokenFromSharePath, type ShareOpenResult } from "@/lib/shares-api";
import { buildViewerUrl } from "@/lib/viewer-api";

const DEAD_TITLES: Partial<Record<ShareOpenRefusal["state"], string>> = {
  unknown: "Link not found",
  expired: "This link has expired",
  revoked: "This link was turned off",
  "view-limit-reached": "This link has been used up",
  locked: "This link is locked",
  unavailable: "This shared study is unavailable",
};

/** Seconds before each automatic retry of a link whose de-identified copy is being prepared; then only the button. */
const PREPARING_RETRY_SECONDS = [15, 30, 60];

type PageState = { kind: "ready" } | { kind: "opening" } | { kind: "result"; result: ShareOpenResult } | { kind: "offline"; message: string };

/** What the page shows before anything is opened: one button, so that only a person spends a view. */
function OpenPrompt({ busy, onOpen }: { busy: boolean; onOpen: () => void }) {
  return (
    <div className="card">
      <h1>A study has been shared with you</h1>
      <p>Someone has shared medical images with you through this link. Opening it may count as one of the views the sender allowed.</p>
      <button type="button" onClick={onOpen} disabled={busy} aria-busy={busy}>
        Open study
      </button>
    </div>
  );
}

function PinForm({ refusal, busy, onSubmit }: { refusal: ShareOpenRefusal; busy: boolean; onSubmit: (pin: string) => void }) {
  const [pin, setPin] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(pin.trim());
  };
  return (
    <form className="card" onSubmit={submit} noValidate>
      <h1>Enter the PIN</h1>
      <p>This shared study is protected by a PIN. The person who shared it should have given it to you separately.</p>
      <Field
        id="share-pin-entry"
        label="PIN"
        inputMode="numeric"
        autoComplete="one-time-code"
        autoFocus
        value={pin}
        onChange={(event) => setPin(event.target.value)}
        error={refusal.state === "pin-refused" ? refusal.error : undefined}
      />
      <button type="submit" disabled={busy || !pin.trim()} aria-busy={busy}>
        {busy ? "Checking…" : "Open"}
      </button>
    </form>
  );
}

function DeadLink({ refusal }: { refusal: ShareOpenRefusal }) {
  return (
    <div className="card" data-share-state={refusal.state}>
      <h1>{DEAD_TITLES[refusal.state] ?? "This link cannot be opened"}</h1>
      <p role="alert">
        {refusal.state === "locked" && refusal.retryAfter
          ? `Too many wrong PINs were entered. For safety, this link is locked here until ${new Date(refusal.retryAfter).toLocaleTimeString()}. Ask the person who shared it with you for the right PIN.`
          : refusal.error}
      </p>
    </div>
  );
}

export default function SharedLinkPage() {
  const [state, setState] = useState<PageState>({ kind: "ready" });
  const [busy, setBusy] = useState(false);
  const [autoRetries, setAutoRetries] = useState(0);
  // The PIN that got past the PIN form, sent again when a copy that was being prepared is asked for again.
  const acceptedPin = useRef<string | undefined>(undefined);
  const token = typeof window === "undefined" ? null : tokenFromSharePath(window.location.pathname);
  const preparing = state.kind === "result" && state.result.state === "preparing";
  const autoRetryInSeconds = preparing && autoRetries < PREPARING_RETRY_SECONDS.length ? PREPARING_RETRY_SECONDS[autoRetries]! : null;

  useEffect(() => {
    if (autoRetryInSeconds === null || busy) return;
    const timer = setTimeout(() => {
      setAutoRetries((n) => n + 1);
      void open(acceptedPin.current, true);
    }, autoRetryInSeconds * 1000);
    return () => clearTimeout(timer);
    // Each new answer (or the end of a press of "Try again") starts the next wait; `open` itself need not.
  }, [state, busy]);

  async function open(pin?: string, retrying = false) {
    if (!token) {
      setState({ kind: "result", result: { state: "unknown", error: "This link is incomplete. Check that you copied the whole link." } });
      return;
    }
    setBusy(true);
    if (pin === undefined && !retrying) setState({ kind: "opening" });
    try {
      const result = await openSharedLink(token, pin);
      if (result.state === "preparing") acceptedPin.current = pin;
      // A view-only link has nothing else to offer: straight to the viewer, replacing this page in history.
      // A de-identified one first says that it is a copy (SharedStudyOpen).
      if (result.state === "open" && !result.downloadPath && !result.deidentified) window.location.replace(buildViewerUrl(window.location.origin, result.manifestPath));
      setState({ kind: "result", result });
    } catch (error) {
      setState({ kind: "offline", message: (error as Error).message });
    } finally {
      setBusy(false);
    }
  }

  let body;
  if (state.kind === "ready") body = <OpenPrompt busy={busy} onOpen={() => void open()} />;
  else if (state.kind === "opening") body = <p className="muted" aria-busy="true">Opening the shared study…</p>;
  else if (state.kind === "offline") body = <p role="alert" className="error">{state.message}</p>;
  else if (state.result.state === "open")
    body =
      state.result.downloadPath || state.result.deidentified ? <SharedStudyOpen grant={state.result} /> : <p className="muted" aria-busy="true">Opening the viewer…</p>;
  else if (state.result.state === "preparing")
    body = <PreparingShare refusal={state.result} busy={busy} autoRetryInSeconds={autoRetryInSeconds} onRetry={() => void open(acceptedPin.current, true)} />;
  else if (state.result.state === "pin-required" || state.result.state === "pin-refused") body = <PinForm refusal={state.result} busy={busy} onSubmit={(pin) => void open(pin)} />;
  else body = <DeadLink refusal={state.result} />;
  return (
    <section className="share-page">
      {/* The token is a credential: keep it out of the Referer of anything this page loads. */}
      <meta name="referrer" content="no-referrer" />
      {body}
    </section>
  );
}
