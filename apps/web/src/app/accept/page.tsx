"use client";
import { ConsentInput, CURRENT_POLICY } from "@pacs/shared";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useState, type FormEvent } from "react";
import { ConsentBoxes, type ConsentState } from "@/components/ConsentBoxes";
import { describeError } from "@/lib/auth-errors";
import { getFirebase } from "@/lib/firebase";
import { fieldErrors } from "@/lib/form-errors";
import { safeNextPath, signInPathFor } from "@/lib/next-path";
import { useSession } from "@/lib/session";
import { acceptCurrentPolicy, completeUserProfile, createUserProfile } from "@/lib/users";

/**
 * Consent for accounts that have none on record for the policy in force: a
 * first Google sign-in, or everyone after a policy version bump.
 */
function AcceptForm() {
  const session = useSession();
  const router = useRouter();
  const next = safeNextPath(useSearchParams().get("next"));
  const [consent, setConsent] = useState<ConsentState>({ ageConfirmed: false, policyAccepted: false });
  const [errors, setErrors] = useState<Record<string, string>>({});

  if (session.status === "signedOut") {
    return (
      <p>
        <Link href={signInPathFor(`/accept/?next=${encodeURIComponent(next)}`)}>Sign in</Link> to continue.
      </p>
    );
  }
  if (session.status !== "signedIn") return <p className="muted">Loading…</p>;
  const { user, profile, profileProblem } = session;

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = ConsentInput.safeParse(consent);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    try {
      const { db } = await getFirebase();
      if (profileProblem) await completeUserProfile(db, user, profileProblem.presentFields);
      else if (profile) await acceptCurrentPolicy(db, user.uid);
      else await createUserProfile(db, user, user.displayName ?? user.email ?? "");
      router.replace(next);
    } catch (error) {
      setErrors({ form: describeError(error) });
    }
  }

  return (
    <section className="card narrow">
      <h1>{profileProblem ? "Finish setting up your profile" : profile ? "Our Privacy Policy has changed" : "Finish creating your account"}</h1>
      <p>
        Please review the Privacy Policy and Terms (version {CURRENT_POLICY.version}, effective {CURRENT_POLICY.effectiveDate}) and
        confirm to continue.
      </p>
      <form onSubmit={handleSubmit} noValidate>
        <ConsentBoxes value={consent} onChange={setConsent} errors={errors} />
        {errors.form ? <p role="alert" className="error">{errors.form}</p> : null}
        <button type="submit">Continue</button>
      </form>
    </section>
  );
}

export default function AcceptPage() {
  return (
    <Suspense>
      <AcceptForm />
    </Suspense>
  );
}
