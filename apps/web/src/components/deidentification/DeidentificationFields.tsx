import type { DeidentificationCheck } from "@pacs/shared";
import { Checkbox, Field } from "@/components/Field";
import { DEIDENTIFICATION_OPTION_CHOICES, type DeidentificationForm, type DeidentificationFormErrors } from "@/lib/deidentification-form";
import type { Live } from "@/lib/use-live";
import { BurnedInTextCheck } from "./BurnedInTextCheck";

/**
 * The owner's de-identification choices, shared by the share dialog and
 * "Download de-identified (ZIP)": the pseudonym, the five options of
 * PS3.15 Annex E, and the burned-in text check with its acknowledgement.
 */
export function DeidentificationFields({
  idPrefix,
  value,
  onChange,
  errors,
  check,
  onRetryCheck,
}: {
  idPrefix: string;
  value: DeidentificationForm;
  onChange: (value: DeidentificationForm) => void;
  errors: DeidentificationFormErrors;
  check: Live<DeidentificationCheck> | null;
  onRetryCheck: () => void;
}) {
  return (
    <div className="deidentification-fields">
      <p className="muted">
        Names, IDs, birth date, accession number, institutions and physicians are removed or replaced, and every UID is replaced with a new one. The images
        themselves are copied unchanged.
      </p>
      <Field
        id={`${idPrefix}-pseudonym`}
        label="Pseudonym (replaces the patient's name and ID)"
        maxLength={64}
        autoComplete="off"
        value={value.pseudonym}
        error={errors.pseudonym}
        onChange={(event) => onChange({ ...value, pseudonym: event.target.value })}
      />
      <fieldset className="options">
        <legend>Also keep</legend>
        {DEIDENTIFICATION_OPTION_CHOICES.map(({ key, label, hint }) => (
          <Checkbox
            key={key}
            id={`${idPrefix}-${key}`}
            label={label}
            hint={hint}
            checked={value.options[key]}
            onChange={(event) => onChange({ ...value, options: { ...value.options, [key]: event.target.checked } })}
          />
        ))}
      </fieldset>
      <BurnedInTextCheck
        idPrefix={idPrefix}
        check={check}
        onRetry={onRetryCheck}
        include={value.includeBurnedInText}
        onIncludeChange={(includeBurnedInText) => onChange({ ...value, includeBurnedInText })}
        error={errors.includeBurnedInText}
      />
    </div>
  );
}
