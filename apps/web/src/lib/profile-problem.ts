/**
 * A `users/{uid}` document that does not fit its schema (for example one
 * holding only server fields, as ingest's usage counter once left): the app
 * says so and offers a way out instead of waiting for a profile that never
 * parses.
 */
import { UserProfile, UserSelfFields } from "@pacs/shared";
import type { DocumentData } from "firebase/firestore";
import { timestampsToDates } from "./firestore-schema";

export interface ProfileProblem {
  message: string;
  /** Self fields already stored: completing the profile writes only the others (and the consent). */
  presentFields: string[];
}

export type ProfileReading = { profile: UserProfile | null; problem: ProfileProblem | null };

export function readProfile(data: DocumentData | undefined): ProfileReading {
  if (data === undefined) return { profile: null, problem: null };
  const parsed = UserProfile.safeParse(timestampsToDates(data));
  if (parsed.success) return { profile: parsed.data, problem: null };
  const fields = parsed.error.issues.map((issue) => issue.path.join(".")).filter(Boolean);
  return {
    profile: null,
    problem: {
      message: `Your profile is incomplete or damaged${fields.length ? ` (${[...new Set(fields)].join(", ")})` : ""}. Finish setting it up, or sign out.`,
      presentFields: UserSelfFields.filter((field) => field in data),
    },
  };
}
