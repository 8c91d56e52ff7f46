"use client";
import { SignUpInput } from "@pacs/shared";
import { createUserWithEmailAndPassword, sendEmailVerification, updateProfile } from "firebase/auth";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { ConsentBoxes, type ConsentState } from "@/components/ConsentBoxes";
import { Field } from "@/components/Field";
import { GoogleSignInButton } from "@/components/GoogleSignInButton";
import { describeError } from "@/lib/auth-errors";
import { getFirebase } from "@/lib/firebase";
import { fieldErrors } from "@/lib/form-errors";
import { createUserProfile } from "@/lib/users";

export default function SignUpPage() {
  const router = useRouter();
  const [form, setForm] = useState({ displayName: "", email: "", password: "" });
  const [consent, setConsent] = useState<ConsentState>({ ageConfirmed: false, policyAccepted: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    // Nothing is created until every field and both confirmations are valid.
    const parsed = SignUpInput.safeParse({ ...form, ...consent });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const { auth, db } = await getFirebase();
      const { user } = await createUserWithEmailAndPassword(auth, parsed.data.email, parsed.data.password);
      await updateProfile(user, { displayName: parsed.data.displayName });
      await createUserProfile(db, user, parsed.data.displayName);
      await sendEmailVerification(user, { url: `${window.location.origin}/studies/` });
      router.replace("/verify-email/");
    } catch (error) {
      setErrors({ form: describeError(error) });
      setBusy(false);
    }
  }

  return (
    <section className="card narrow">
      <h1>Create your account</h1>
      <form onSubmit={handleSubmit} noValidate>
        <Field id="displayName" label="Name" autoComplete="name" value={form.displayName} error={errors.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
        <Field id="email" label="Email" type="email" autoComplete="email" value={form.email} error={errors.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
        <Field id="password" label="Password" type="password" autoComplete="new-password" value={form.password} error={errors.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
        <ConsentBoxes value={consent} onChange={setConsent} errors={errors} />
        {errors.form ? <p role="alert" className="error">{errors.form}</p> : null}
        {Object.keys(errors).length > 0 && !errors.form ? (
          <p role="alert" className="error">
            Please fix the highlighted fields.
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? "Creating account…" : "Create account"}
        </button>
      </form>
      <div className="divider">or</div>
      <GoogleSignInButton />
      <p className="muted">
        Already have an account? <Link href="/signin/">Sign in</Link>
      </p>
    </section>
  );
}
