"use client";
import { GoogleAuthProvider, signInWithPopup } from "firebase/auth";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeError } from "@/lib/auth-errors";
import { getFirebase } from "@/lib/firebase";

/**
 * Google sign-in. A first-time Google user has no consent on record yet, so
 * the account gate sends them to /accept before any app page.
 */
export function GoogleSignInButton({ next = "/studies/" }: { next?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  async function handleClick() {
    setError(undefined);
    try {
      const { auth } = await getFirebase();
      await signInWithPopup(auth, new GoogleAuthProvider());
      router.replace(next);
    } catch (caught) {
      setError(describeError(caught));
    }
  }
  return (
    <>
      <button type="button" className="secondary google" onClick={handleClick}>
        Continue with Google
      </button>
      {error ? <p role="alert" className="error">{error}</p> : null}
    </>
  );
}
