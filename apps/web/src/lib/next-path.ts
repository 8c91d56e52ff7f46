/**
 * Where to go after signing in. Only same-site paths are honoured, so that a
 * crafted link cannot send a user to another site after they sign in.
 *
 * Browsers strip tabs and newlines from URLs, read a backslash as a slash and
 * collapse dot segments, so "/\t/evil.example", "/\\evil.example" and
 * "/.//evil.example" all end up as "//evil.example", another site. We refuse
 * any control, whitespace or backslash character, in the raw value and in its
 * percent-decoded path, and check the path the URL parser actually produces.
 */
const FALLBACK_ORIGIN = "https://this-site.invalid";

// C0/C1 controls, ASCII and Unicode spaces, line/paragraph separators, BOM, backslash.
const UNSAFE_CHARACTER = /[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff\\]/;

const MAX_DECODE_ROUNDS = 4;

export function safeNextPath(value: string | null | undefined, fallback = "/studies/"): string {
  if (!value || !looksSafe(value)) return fallback;
  const decodedPath = decodeFully(value.split(/[?#]/, 1)[0] ?? "");
  if (decodedPath === null || !looksSafe(decodedPath)) return fallback;
  let url: URL;
  try {
    url = new URL(value, FALLBACK_ORIGIN);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== FALLBACK_ORIGIN || !looksSafe(path)) return fallback;
  return path;
}

export function signInPathFor(nextPath: string): string {
  return `/signin/?next=${encodeURIComponent(nextPath)}`;
}

function looksSafe(path: string): boolean {
  return path.startsWith("/") && !path.startsWith("//") && !UNSAFE_CHARACTER.test(path);
}

/** Percent-decodes until stable; null when malformed or still changing (layered encodings). */
function decodeFully(text: string): string | null {
  let current = text;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round += 1) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}
