"use client";
/**
 * Wraps every app page: signed-out visitors go to sign in and come back here
 * after; accounts without the current policy's consent go to accept it first.
 */
import { hasAcceptedCurrentPolicy, type UserProfile } from "@pacs/shared";
import type { User } from "firebase/auth";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { ProfileProblemNotice } from "./ProfileProblemNotice";
import { signInPathFor } from "@/lib/next-path";
import { useSession } from "@/lib/session";

export interface Account {
  user: User;
  profile: UserProfile;
}

function currentPath(pathname: string): string {
  return typeof window === "undefined" ? pathname : pathname + window.location.search;
}

export function RequireAccount({ children }: { children: (account: Account) => ReactNode }) {
  const session = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const profileProblem = session.status === "signedIn" ? session.profileProblem : null;
  const needsConsent = session.status === "signedIn" && !profileProblem && !hasAcceptedCurrentPolicy(session.profile);

  useEffect(() => {
    if (session.status === "signedOut") router.replace(signInPathFor(currentPath(pathname)));
    else if (needsConsent) router.replace(`/accept/?next=${encodeURIComponent(currentPath(pathname))}`);
  }, [session.status, needsConsent, pathname, router]);

  if (session.status === "error") return <p role="alert" className="error">{session.message}</p>;
  if (profileProblem) return <ProfileProblemNotice problem={profileProblem} next={currentPath(pathname)} />;
  if (session.status !== "signedIn" || !session.profile || needsConsent) {
    return <p className="muted" aria-busy="true">Loading…</p>;
  }
  return <>{children({ user: session.user, profile: session.profile })}</>;
}
