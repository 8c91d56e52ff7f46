"use client";
/**
 * Settings → Connect a tool: the DICOMweb base URL, personal access tokens
 * (created here, shown once, listed with their last use, revocable) and
 * set-up for OHIF, Orthanc, Weasis and curl.
 */
import type { AccessTokenListItem, CreatedAccessToken } from "@pacs/shared";
import type { User } from "firebase/auth";
import { useCallback, useEffect, useState } from "react";
import { CopyField } from "@/components/share/CopyField";
import { listAccessTokens, revokeAccessToken } from "@/lib/access-tokens-api";
import { dicomwebBaseUrl } from "@/lib/connect-snippets";
import { AccessTokenForm } from "./AccessTokenForm";
import { AccessTokenTable } from "./AccessTokenTable";
import { ToolSnippets } from "./ToolSnippets";

type Listed = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; tokens: AccessTokenListItem[] };

function NewToken({ created, onDone }: { created: CreatedAccessToken; onDone: () => void }) {
  return (
    <div className="new-token" data-testid="new-token">
      <CopyField id="new-access-token" label={`Your new token “${created.name}”`} value={created.token} />
      <p className="notice" role="alert">
        Copy it now: it will not be shown again. Anyone who has it can use your archive {created.scope === "read" ? "to read studies" : "to read and store studies"} until it expires or you revoke it.
      </p>
      <button type="button" className="secondary" onClick={onDone}>
        I have copied it
      </button>
    </div>
  );
}

export function ConnectTool({ user }: { user: User }) {
  const [baseUrl, setBaseUrl] = useState("");
  const [listed, setListed] = useState<Listed>({ status: "loading" });
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const [revokeError, setRevokeError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setListed({ status: "ready", tokens: await listAccessTokens(user) });
    } catch (error) {
      setListed({ status: "error", message: (error as Error).message });
    }
  }, [user]);

  useEffect(() => {
    setBaseUrl(dicomwebBaseUrl(window.location.origin));
    void refresh();
  }, [refresh]);

  async function revoke(token: AccessTokenListItem) {
    setRevokeError(null);
    try {
      await revokeAccessToken(user, token.id);
      if (created?.id === token.id) setCreated(null);
    } catch (error) {
      setRevokeError((error as Error).message);
    }
    await refresh();
  }

  return (
    <section className="card" aria-labelledby="connect-title">
      <h2 id="connect-title">Connect a tool</h2>
      <p className="muted">
        Viewers, gateways and scripts that speak DICOMweb (QIDO-RS, WADO-RS, STOW-RS) reach your archive at this address, with a personal access token. Every request they make appears in your
        activity.
      </p>
      {baseUrl ? <CopyField id="dicomweb-base-url" label="DICOMweb base URL" value={baseUrl} /> : null}

      <h3>Create an access token</h3>
      {created ? (
        <NewToken created={created} onDone={() => setCreated(null)} />
      ) : (
        <AccessTokenForm
          user={user}
          onCreated={(token) => {
            setCreated(token);
            void refresh();
          }}
        />
      )}

      <h3>Your access tokens</h3>
      {revokeError ? (
        <p role="alert" className="error">
          {revokeError}
        </p>
      ) : null}
      {listed.status === "loading" ? (
        <p className="muted">Loading your tokens…</p>
      ) : listed.status === "error" ? (
        <p role="alert" className="error">
          {listed.message}
        </p>
      ) : (
        <AccessTokenTable tokens={listed.tokens} onRevoke={revoke} />
      )}

      <h3>Set up a tool</h3>
      <p className="muted">{created ? "These include the token you just created." : "Replace the placeholder with a token you created."}</p>
      {baseUrl ? <ToolSnippets baseUrl={baseUrl} token={created?.token ?? null} /> : null}
    </section>
  );
}
