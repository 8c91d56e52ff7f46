import type { InputHTMLAttributes } from "react";

/** A labelled input with its error announced to screen readers. */
export function Field({ label, error, id, ...input }: { label: string; error?: string | undefined; id: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} {...input} />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox (consent, an option); its hint explains it, its error says exactly what is missing. */
export function Checkbox({
  label,
  hint,
  error,
  id,
  ...input
}: { label: React.ReactNode; hint?: string; error?: string | undefined; id: string } & InputHTMLAttributes<HTMLInputElement>) {
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="field checkbox">
      <input type="checkbox" id={id} name={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy || undefined} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
