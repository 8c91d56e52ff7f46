"use client";
import { useState } from "react";

/** A read-only link with a Copy button. Where the clipboard is refused, the text is selected for Ctrl+C. */
export function CopyField({ id, label, value }: { id: string; label: string; value: string }) {
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied("yes");
    } catch {
      (document.getElementById(id) as HTMLInputElement | null)?.select();
      setCopied("select");
    }
  }

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="copy-field">
        <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} />
        <button type="button" onClick={copy}>
          Copy
        </button>
      </div>
      <p className="muted" role="status">
        {copied === "yes" ? "Copied to the clipboard." : copied === "select" ? "Press Ctrl+C (⌘C on a Mac) to copy the selected link." : ""}
      </p>
    </div>
  );
}
