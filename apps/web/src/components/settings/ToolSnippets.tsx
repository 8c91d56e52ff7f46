"use client";
/** Copy-paste set-up for OHIF, Orthanc, Weasis and curl, filled with the base URL and the new token (or a placeholder). */
import { useState } from "react";
import { buildToolSnippets, type ToolSnippet } from "@/lib/connect-snippets";

function Snippet({ snippet }: { snippet: ToolSnippet }) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(snippet.text);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }
  return (
    <details className="tool-snippet" data-tool={snippet.id}>
      <summary>{snippet.title}</summary>
      <p>{snippet.where}</p>
      <pre tabIndex={0} role="region" aria-label={`${snippet.title} set-up`}>
        <code>{snippet.text}</code>
      </pre>
      <button type="button" className="secondary" onClick={copy}>
        Copy
      </button>{" "}
      <span className="muted" role="status">
        {copied === "yes" ? "Copied to the clipboard." : copied === "no" ? "Select the text above and copy it with Ctrl+C (⌘C on a Mac)." : ""}
      </span>
    </details>
  );
}

export function ToolSnippets({ baseUrl, token }: { baseUrl: string; token: string | null }) {
  return (
    <div className="tool-snippets">
      {buildToolSnippets(baseUrl, token).map((snippet) => (
        <Snippet key={snippet.id} snippet={snippet} />
      ))}
    </div>
  );
}
