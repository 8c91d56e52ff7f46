"use client";
/** Follows the cookie choice and the current page; renders nothing. */
import { usePathname } from "next/navigation";
import { useEffect } from "react";
import { browserAnalytics } from "@/lib/browser-analytics";
import { useTrackingConsent } from "@/lib/use-tracking-consent";

export function Analytics() {
  const consent = useTrackingConsent();
  const pathname = usePathname();

  // First, so that the page is known when consent starts analytics.
  useEffect(() => {
    browserAnalytics().pageView(window.location.href, document.referrer);
  }, [pathname]);

  useEffect(() => {
    if (consent !== undefined) void browserAnalytics().apply(consent);
  }, [consent]);

  return null;
}
