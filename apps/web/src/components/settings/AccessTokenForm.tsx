"use client";
/** Creating a personal access token: a name, a scope and an expiry of up to a year (90 days proposed). */
import { ACCESS_TOKEN_SCOPE_TEXT, CreateAccessTokenRequest, DEFAULT_ACCESS_TOKEN_DAYS, type AccessTokenScope, type CreatedAccessToken } from "@pacs/shared";
import type { User } from "firebase/auth";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/Field";
import { createAccessToken } from "@/lib/access-tokens-api";

const EXPIRY_CHOICES: Array<[number, string]> = [
  [7, "7 days"],
  [30, "30 days"],
  [DEFAULT_ACCESS_TOKEN_DAYS, "90 days"],
  [180, "180 days"],
  [365, "1 year"],
];

const SCOPE_HINT: Record<AccessTokenScope, string> = {
  read: "search and retrieve studies: viewers, scripts",
  "read-write": "also store studies: gateways, saving measurements",
};

export function AccessTokenForm({ user, onCreated }: { user: User; onCreated: (token: CreatedAccessToken) => void }) {
  const [name, setName] = useState("");
  const [scope, setScope] = useState<AccessTokenScope>("read");
  const [expiresInDays, setExpiresInDays] = useState(DEFAULT_ACCESS_TOKEN_DAYS);
  const [state, setState] = useState<{ busy: boolean; error: string | null; nameError?: string | undefined }>({ busy: false, error: null });

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = CreateAccessTokenRequest.safeParse({ name, scope, expiresInDays });
    if (!parsed.success) {
      setState({ busy: false, error: null, nameError: parsed.error.issues.map((issue) => issue.message).join(" ") });
      return;
    }
    setState({ busy: true, error: null });
    try {
      onCreated(await createAccessToken(user, parsed.data));
      setName("");
      setState({ busy: false, error: null });
    } catch (error) {
      setState({ busy: false, error: (error as Error).message });
    }
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Create an access token">
      <Field id="token-name" label="Name (the tool or place that will use it)" maxLength={100} placeholder="Orthanc gateway, OHIF on my laptop…" value={name} error={state.nameError} onChange={(e) => setName(e.target.value)} />
      <fieldset className="choices">
        <legend>Allowed to</legend>
        {(["read", "read-write"] as const).map((value) => (
          <label key={value}>
            <input type="radio" name="token-scope" value={value} checked={scope === value} onChange={() => setScope(value)} /> {ACCESS_TOKEN_SCOPE_TEXT[value]}
            <span className="muted">({SCOPE_HINT[value]})</span>
          </label>
        ))}
      </fieldset>
      <div className="field">
        <label htmlFor="token-expiry">Expires after</label>
        <select id="token-expiry" value={expiresInDays} onChange={(e) => setExpiresInDays(Number(e.target.value))}>
          {EXPIRY_CHOICES.map(([days, text]) => (
            <option key={days} value={days}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" disabled={state.busy} aria-busy={state.busy}>
        {state.busy ? "Creating…" : "Create token"}
      </button>
      {state.error ? (
        <p role="alert" className="error">
          {state.error}
        </p>
      ) : null}
    </form>
  );
}
