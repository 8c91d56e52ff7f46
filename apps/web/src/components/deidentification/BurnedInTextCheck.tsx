import type { DeidentificationCheck } from "@pacs/shared";
import { Checkbox } from "@/components/Field";
import { formatQuantity } from "@/lib/format";
import type { Live } from "@/lib/use-live";
import { BurnedInSeriesList } from "./BurnedInSeriesList";

/**
 * The burned-in text check's answer: the series that may carry text in
 * their pixels, which de-identification cannot remove. They are left out
 * unless the owner ticks the acknowledgement; while the check is loading or
 * failed there is nothing to acknowledge, so they stay out.
 */
export function BurnedInTextCheck({
  idPrefix,
  check,
  onRetry,
  include,
  onIncludeChange,
  error,
}: {
  idPrefix: string;
  check: Live<DeidentificationCheck> | null;
  onRetry: () => void;
  include: boolean;
  onIncludeChange: (include: boolean) => void;
  error?: string | undefined;
}) {
  let body;
  if (!check || check.status === "loading") {
    body = (
      <p className="muted" aria-busy="true">
        Checking the images for burned-in text…
      </p>
    );
  } else if (check.status === "error") {
    body = (
      <>
        <p role="alert" className="error">
          {check.message} Until the check works, images that may carry burned-in text are left out.
        </p>
        <button type="button" className="secondary" onClick={onRetry}>
          Check again
        </button>
      </>
    );
  } else if (check.value.burnedInText.length === 0) {
    body = (
      <p className="success">
        None of the {formatQuantity(check.value.instances, "image")} is of a kind that usually carries burned-in text (ultrasound, screen captures, images
        marked as annotated).
      </p>
    );
  } else {
    body = (
      <div className="notice">
        <p>
          These series may show names or dates burned into the pixels, which de-identification cannot remove. They are <strong>left out</strong> unless you
          include them:
        </p>
        <BurnedInSeriesList series={check.value.burnedInText} label="Series that may carry burned-in text" />
        <Checkbox
          id={`${idPrefix}-include-burned-in`}
          label="Include these images: I have checked that they carry no identifying text burned into the pixels."
          checked={include}
          error={error}
          onChange={(event) => onIncludeChange(event.target.checked)}
        />
      </div>
    );
  }
  return (
    <section className="burned-in-check" aria-labelledby={`${idPrefix}-burned-in-title`}>
      <h3 id={`${idPrefix}-burned-in-title`}>Text burned into the images</h3>
      <div aria-live="polite">{body}</div>
    </section>
  );
}
