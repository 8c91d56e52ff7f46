/**
 * What a page view tells Google Analytics about where the visitor is. Never
 * study, patient or file data: the study page carries its StudyInstanceUID in
 * the query (`/study/?uid=…`), sign-in carries the page to return to
 * (`?next=…`) and share links carry their secret token in the path (`/s/<token>`).
 */

/** The GA4 page parameters we send, and the only ones (no document title: it may name a study). */
export interface PageView {
  page_location: string;
  page_referrer: string;
  page_title: string;
}

/** A DICOM UID (PS3.5 §9.1): digits separated by dots. */
const DICOM_UID = /^\d+(\.\d+)+$/;

/** A path without data in it: share tokens and UIDs collapse, nothing follows a share link. */
export function sanitisePath(pathname: string): string {
  const segments = pathname.split("/");
  if (segments[1] === "s") return "/s/";
  return segments.map((segment) => (DICOM_UID.test(segment) ? "uid" : segment)).join("/");
}

/** `href` as origin and sanitised path: no query, no fragment, no credentials. */
export function sanitiseLocation(href: string): string {
  const url = new URL(href);
  return `${url.origin}${sanitisePath(url.pathname)}`;
}

/**
 * The page view for `href`. A referrer on this site is sanitised like the
 * page; one from elsewhere keeps only its origin, since its path and query are
 * none of our business.
 */
export function buildPageView(href: string, referrer: string): PageView {
  const location = sanitiseLocation(href);
  let pageReferrer = "";
  if (referrer) {
    const from = new URL(referrer);
    pageReferrer = from.origin === new URL(href).origin ? sanitiseLocation(referrer) : from.origin;
  }
  return { page_location: location, page_referrer: pageReferrer, page_title: sanitisePath(new URL(href).pathname) };
}
