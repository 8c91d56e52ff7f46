"use client";
import { sendPasswordResetEmail } from "firebase/auth";
import { FirebaseError } from "firebase/app";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/Field";
import { describeError } from "@/lib/auth-errors";
import { getFirebase } from "@/lib/firebase";

export default function ResetPasswordPage() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string>();

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setError(undefined);
    if (!/^\S+@\S+\.\S+$/.test(email.trim())) {
      setError("Enter a valid email address.");
      return;
    }
    try {
      const { auth } = await getFirebase();
      await sendPasswordResetEmail(auth, email.trim(), { url: `${window.location.origin}/signin/` });
      setSent(true);
    } catch (caught) {
      // Same answer whether or not the account exists, so this page cannot be used to probe for accounts.
      if (caught instanceof FirebaseError && caught.code === "auth/user-not-found") setSent(true);
      else setError(describeError(caught));
    }
  }

  return (
    <section className="card narrow">
      <h1>Reset your password</h1>
      {sent ? (
        <p role="status">If an account exists for {email.trim()}, we have sent it a link to choose a new password.</p>
      ) : (
        <form onSubmit={handleSubmit} noValidate>
          <Field id="email" label="Email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} />
          {error ? <p role="alert" className="error">{error}</p> : null}
          <button type="submit">Send reset link</button>
        </form>
      )}
      <p>
        <Link href="/signin/">Back to sign in</Link>
      </p>
    </section>
  );
}
