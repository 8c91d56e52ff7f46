"use client";
/**
 * Live Firestore reads for components: subscribe once the Firebase clients are
 * ready, unsubscribe on unmount or when the key changes, and turn failures
 * (rules, malformed documents) into a sentence instead of a blank page.
 */
import { FirebaseError } from "firebase/app";
import type { Firestore, Unsubscribe } from "firebase/firestore";
import { useEffect, useState } from "react";
import { z } from "zod";
import { getFirebase } from "./firebase";

export type Live<T> = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; value: T };

/** A sentence for a failed read; `what` names the record ("your studies"). */
export function describeReadError(error: unknown, what: string): string {
  if (error instanceof z.ZodError) {
    const issue = error.issues[0];
    return `Could not read ${what}: a stored record is malformed (${issue ? `${issue.path.join(".") || "document"}: ${issue.message}` : "unknown field"}).`;
  }
  if (error instanceof FirebaseError && error.code === "permission-denied") return `You do not have access to ${what}.`;
  if (error instanceof FirebaseError && error.code === "unavailable") return `Cannot reach the database to read ${what}. Check your connection.`;
  return `Could not read ${what}: ${error instanceof Error ? error.message : String(error)}`;
}

/**
 * Runs `subscribe` while mounted. It gets the database and two callbacks and
 * returns Firestore's unsubscribe; `key` must change whenever the target does.
 */
export function useLive<T>(
  key: string,
  what: string,
  subscribe: (db: Firestore, next: (value: T) => void, fail: (error: unknown) => void) => Unsubscribe,
): Live<T> {
  const [state, setState] = useState<{ key: string; live: Live<T> }>({ key, live: { status: "loading" } });

  useEffect(() => {
    let unsubscribe: Unsubscribe | undefined;
    let cancelled = false;
    const fail = (error: unknown) => setState({ key, live: { status: "error", message: describeReadError(error, what) } });
    const next = (value: T) => setState({ key, live: { status: "ready", value } });
    getFirebase()
      .then(({ db }) => {
        if (!cancelled) unsubscribe = subscribe(db, next, fail);
      })
      .catch(fail);
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
    // `key` stands for everything `subscribe` reads, so a new closure alone does not resubscribe.
  }, [key]);

  // A state left over from the previous key is not shown for the new one.
  return state.key === key ? state.live : { status: "loading" };
}
