"use client";
/**
 * The first-visit question, in the page's flow above the header rather than
 * floating over it, so that it never hides a form or a button (tablets too).
 */
import Link from "next/link";
import { useTrackingConsent } from "@/lib/use-tracking-consent";
import { ConsentChoices } from "./ConsentChoices";

export function ConsentBanner() {
  // undefined before hydration: the static HTML must not flash the banner at visitors who chose.
  if (useTrackingConsent() !== null) return null;
  return (
    <section className="consent-banner" aria-labelledby="consent-banner-title">
      <h2 id="consent-banner-title">Cookies and analytics</h2>
      <p>
        We store only what signing in needs unless you allow more. With your consent, Google Analytics tells us which
        pages are used; it never receives study, patient or file data. See the <Link href="/privacy/">Privacy Policy</Link>.
      </p>
      <ConsentChoices initial={{ analytics: false, advertising: false }} customizing={false} />
    </section>
  );
}
