"use client";
/**
 * The signed-in user and their `users/{uid}` record, shared by every page.
 * `profile` is null while the account has no record yet (a first Google
 * sign-in, or a sign-up interrupted before it was written), and also when the
 * record does not fit its schema: then `profileProblem` says what is wrong, so
 * that pages offer a way out instead of loading forever.
 */
import type { UserProfile } from "@pacs/shared";
import { onAuthStateChanged, type User } from "firebase/auth";
import { doc, onSnapshot } from "firebase/firestore";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { describeError } from "./auth-errors";
import { switchDeviceCacheOff } from "./device-cache";
import { getFirebase } from "./firebase";
import { reportSignIn } from "./report-sign-in";
import { readProfile, type ProfileProblem } from "./profile-problem";

export type Session =
  | { status: "loading" }
  | { status: "error"; message: string }
  | { status: "signedOut" }
  | { status: "signedIn"; user: User; profile: UserProfile | null; profileProblem: ProfileProblem | null };

const SessionContext = createContext<Session>({ status: "loading" });

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: "loading" });

  useEffect(() => {
    let unsubscribeProfile: (() => void) | undefined;
    let unsubscribeAuth: (() => void) | undefined;
    let cancelled = false;
    getFirebase()
      .then(({ auth, db }) => {
        if (cancelled) return;
        unsubscribeAuth = onAuthStateChanged(auth, (user) => {
          unsubscribeProfile?.();
          unsubscribeProfile = undefined;
          if (!user) {
            // Also after a sign-out in another tab: no account's studies stay kept on a signed-out device.
            switchDeviceCacheOff().catch((error: unknown) => console.error("The device cache could not be cleared while signed out.", error));
            setSession({ status: "signedOut" });
            return;
          }
          setSession({ status: "loading" });
          reportSignIn(user).catch((error: unknown) => console.warn("The sign-in was not recorded in the activity log yet; it will be on the next page load.", error));
          // Read raw and parsed here: a converter that throws inside onSnapshot would leave the session loading.
          unsubscribeProfile = onSnapshot(
            doc(db, "users", user.uid),
            (snapshot) => {
              const { profile, problem } = readProfile(snapshot.data({ serverTimestamps: "estimate" }));
              setSession({ status: "signedIn", user, profile, profileProblem: problem });
            },
            (error) => setSession({ status: "error", message: describeError(error) }),
          );
        });
      })
      .catch((error: unknown) => setSession({ status: "error", message: describeError(error) }));
    return () => {
      cancelled = true;
      unsubscribeProfile?.();
      unsubscribeAuth?.();
    };
  }, []);

  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  return useContext(SessionContext);
}
