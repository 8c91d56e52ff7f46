/**
 * Where to go after signing in. Only same-site paths are honoured, so that a
 * crafted link cannot send a user to another site after they sign in.
 */
export function safeNextPath(value: string | null | undefined, fallback = "/studies/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return fallback;
  return value;
}

export function signInPathFor(nextPath: string): string {
  return `/signin/?next=${encodeURIComponent(nextPath)}`;
}
