"use client";
import Link from "next/link";
import { useState } from "react";
import { CookiePreferences } from "./CookiePreferences";

export function Footer() {
  const [showCookies, setShowCookies] = useState(false);
  return (
    <footer className="site-footer">
      <nav aria-label="Legal">
        <Link href="/privacy/" prefetch={false}>Privacy Policy</Link>
        <Link href="/processors/" prefetch={false}>Processors &amp; Subprocessors</Link>
        <Link href="/terms/" prefetch={false}>Terms</Link>
        <button type="button" className="link" onClick={() => setShowCookies(true)}>
          Cookie preferences
        </button>
      </nav>
      {showCookies ? <CookiePreferences onClose={() => setShowCookies(false)} /> : null}
    </footer>
  );
}
