import { RECENT_SIGN_IN_MINUTES } from "@pacs/shared";
import { requireRecentSignIn } from "./request-routes";

const now = new Date("2026-11-22T10:00:00Z");
const signedInMinutesAgo = (minutes: number) => ({ authTime: Math.floor(now.getTime() / 1000) - minutes * 60 });

it("lets a deletion through only with a sign-in from the last minutes", () => {
  expect(() => requireRecentSignIn(signedInMinutesAgo(1), now)).not.toThrow();
  expect(() => requireRecentSignIn(signedInMinutesAgo(RECENT_SIGN_IN_MINUTES), now)).not.toThrow();
  expect(() => requireRecentSignIn(signedInMinutesAgo(RECENT_SIGN_IN_MINUTES + 1), now)).toThrow(/enter your password again/);
  expect(() => requireRecentSignIn({ authTime: 0 }, now)).toThrow(/enter your password again/);
});
