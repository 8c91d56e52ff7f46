import { MINIMUM_AGE } from "@pacs/shared";
import Link from "next/link";
import { Checkbox } from "./Field";

export interface ConsentState {
  ageConfirmed: boolean;
  policyAccepted: boolean;
}

/** The two confirmations every account needs: age, and the policy and terms. */
export function ConsentBoxes({
  value,
  onChange,
  errors,
}: {
  value: ConsentState;
  onChange: (value: ConsentState) => void;
  errors: Partial<Record<keyof ConsentState, string>>;
}) {
  return (
    <fieldset className="consent">
      <legend>Before you continue</legend>
      <Checkbox
        id="ageConfirmed"
        checked={value.ageConfirmed}
        onChange={(event) => onChange({ ...value, ageConfirmed: event.target.checked })}
        label={`I am ${MINIMUM_AGE} years or older.`}
        error={errors.ageConfirmed}
      />
      <Checkbox
        id="policyAccepted"
        checked={value.policyAccepted}
        onChange={(event) => onChange({ ...value, policyAccepted: event.target.checked })}
        label={
          <>
            I accept the{" "}
            <Link href="/privacy/" target="_blank">
              Privacy Policy
            </Link>{" "}
            and the{" "}
            <Link href="/terms/" target="_blank">
              Terms
            </Link>
            .
          </>
        }
        error={errors.policyAccepted}
      />
    </fieldset>
  );
}
