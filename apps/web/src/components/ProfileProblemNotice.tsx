"use client";
/** What every app page shows when `users/{uid}` does not fit its schema: the problem and two ways out. */
import Link from "next/link";
import { useRouter } from "next/navigation";
import { getFirebase } from "@/lib/firebase";
import type { ProfileProblem } from "@/lib/profile-problem";
import { signOutOfDevice } from "@/lib/sign-out";

export function ProfileProblemNotice({ problem, next }: { problem: ProfileProblem; next: string }) {
  const router = useRouter();

  async function handleSignOut() {
    await signOutOfDevice((await getFirebase()).auth);
    router.replace("/signin/");
  }

  return (
    <section className="card narrow">
      <h1>Your profile needs attention</h1>
      <p role="alert" className="error">
        {problem.message}
      </p>
      <p>
        <Link href={`/accept/?next=${encodeURIComponent(next)}`} className="button">
          Finish setting up your profile
        </Link>{" "}
        <button type="button" onClick={handleSignOut}>
          Sign out
        </button>
      </p>
    </section>
  );
}
