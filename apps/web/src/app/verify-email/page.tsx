"use client";
import { sendEmailVerification } from "firebase/auth";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { RequireAccount } from "@/components/RequireAccount";
import { describeError } from "@/lib/auth-errors";
import type { User } from "firebase/auth";

/** How often we look whether the link in the email was opened. */
const POLL_MS = 3000;

function VerifyEmail({ user }: { user: User }) {
  const router = useRouter();
  const [message, setMessage] = useState<string>();

  useEffect(() => {
    const timer = setInterval(async () => {
      await user.reload();
      if (user.emailVerified) {
        clearInterval(timer);
        // A fresh token carries email_verified, which storage.rules require for uploads.
        await user.getIdToken(true);
        router.replace("/studies/");
      }
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [user, router]);

  async function resend() {
    try {
      await sendEmailVerification(user, { url: `${window.location.origin}/studies/` });
      setMessage("We sent another link. Check your inbox and spam folder.");
    } catch (error) {
      setMessage(describeError(error));
    }
  }

  if (user.emailVerified) {
    return (
      <section className="card narrow">
        <h1>Your email is verified</h1>
        <button type="button" onClick={() => router.replace("/studies/")}>Go to your studies</button>
      </section>
    );
  }
  return (
    <section className="card narrow">
      <h1>Check your email</h1>
      <p>
        We sent a verification link to <strong>{user.email}</strong>. Open it to finish creating your account; you can upload
        studies once your email is verified. This page continues by itself.
      </p>
      <button type="button" className="secondary" onClick={resend}>
        Send the link again
      </button>
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}

export default function VerifyEmailPage() {
  return <RequireAccount>{({ user }) => <VerifyEmail user={user} />}</RequireAccount>;
}
