/**
 * A progress bar screen readers and tests can read (`aria-valuenow`). Without
 * a value it is indeterminate: work is going on but its size is unknown.
 */
export function ProgressBar({ label, value, max, text }: { label: string; value: number | null; max: number; text?: string }) {
  const fraction = value === null || max <= 0 ? null : Math.min(1, Math.max(0, value / max));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value ?? undefined}
      aria-valuetext={text}
      className={fraction === null ? "progress indeterminate" : "progress"}
    >
      <div className="progress-fill" style={{ width: `${fraction === null ? 100 : fraction * 100}%` }} />
    </div>
  );
}
