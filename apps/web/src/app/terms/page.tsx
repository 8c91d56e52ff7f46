import { CURRENT_POLICY, MINIMUM_AGE, PRIVACY_CONTACT_EMAIL, PRODUCT_NAME } from "@pacs/shared";
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Terms of Use" };

/** Terms of Use, accepted together with the Privacy Policy (same CURRENT_POLICY version). */
export default function TermsPage() {
  return (
    <article className="prose">
      <h1>Terms of Use</h1>
      <p>
        Version {CURRENT_POLICY.version}. Effective from {CURRENT_POLICY.effectiveDate}.
      </p>
      <p>
        These terms govern your use of {PRODUCT_NAME} (&quot;the service&quot;), a cloud archive and viewer for medical
        images. By creating an account you accept them and our <Link href="/privacy/">Privacy Policy</Link>.
      </p>

      <h2>1. Who may use the service</h2>
      <ul>
        <li>You must be {MINIMUM_AGE} or older.</li>
        <li>An account belongs to one person. Keep your sign-in details to yourself; you are responsible for what happens under your account.</li>
        <li>Give a real email address and keep it working: we use it to verify your account and to confirm exports and deletions.</li>
        <li>If you use the service for an organisation, you confirm that you may accept these terms on its behalf.</li>
      </ul>

      <h2>2. Your studies and patient data</h2>
      <p>
        You keep all rights in what you upload. You allow us to store, copy, process and display it only as needed to run
        the service for you: to read DICOM headers, build your study list and previews, and deliver images to the viewers
        you open or share.
      </p>
      <p>
        Studies often contain protected health information (PHI). You may upload them only if you have a lawful basis and
        any consents or authorisations that the rules applying to you require (for example HIPAA, the GDPR or national
        health-data law). De-identify studies whenever your purpose allows. We have not signed a HIPAA Business Associate
        Agreement with you unless we have agreed one separately in writing.
      </p>

      <h2>3. Not a medical device</h2>
      <p>
        The service is not certified as a medical device (for example under FDA rules or the EU Medical Device
        Regulation). Do not use it for primary diagnosis or treatment decisions unless your organisation has validated it
        for that use under the rules that apply to you and takes responsibility for doing so. Image display depends on
        your screen, browser and network; confirm findings on systems approved for diagnostic use.
      </p>

      <h2>4. Acceptable use</h2>
      <p>You must not:</p>
      <ul>
        <li>upload data you have no right to hold or share, or that is unlawful;</li>
        <li>share viewer links with people who are not entitled to see the studies;</li>
        <li>try to reach other users&apos; data, get around access rules, storage limits or link expiry, or probe the service for vulnerabilities without our written permission (report vulnerabilities to us instead);</li>
        <li>upload malware, or files meant to harm the service or its users;</li>
        <li>overload the service, or use automated means to access it beyond normal use of the website;</li>
        <li>resell the service or use it to run a service for others without our agreement.</li>
      </ul>

      <h2>5. Shared links</h2>
      <p>
        Anyone holding a share link can view the study until the link expires. Choose who receives it and for how long
        with care; you are responsible for the links you create.
      </p>

      <h2>6. Your data, exports and deletion</h2>
      <p>
        You can request an export of your data and the deletion of your account from Settings at any time. Deletion
        removes your account, your uploaded files and your study metadata, as described in the Privacy Policy, and cannot
        be undone. Keep your own copies of studies you must retain: the service is not a substitute for the record
        keeping the law may require of you.
      </p>

      <h2>7. Suspension and termination</h2>
      <p>
        You may stop using the service and delete your account whenever you wish. We may suspend or close an account that
        breaks these terms or the law, or that puts the service or other users at risk. Unless the law or an urgent risk
        prevents it, we tell you first and give you a chance to export your data. We may also end the service as a whole;
        if we do, we give reasonable notice so that you can export your data.
      </p>

      <h2>8. Availability and liability</h2>
      <p>
        We work to keep the service available and your data safe, but we provide it &quot;as is&quot;, without a promise
        that it will be uninterrupted or error-free. To the extent the law allows, we are not liable for indirect or
        consequential losses, or for losses caused by your use of the service for clinical decisions, by content you
        upload, or by links you share. Nothing in these terms limits liability that cannot be limited by law, or your
        rights under data protection law.
      </p>

      <h2>9. Changes to these terms</h2>
      <p>
        We publish new versions on this page with a new version number and effective date. If a change is material,
        signed-in users are asked to accept the new version before they continue using the service.
      </p>

      <h2>10. Contact</h2>
      <p>
        Questions about these terms: <a href={`mailto:${PRIVACY_CONTACT_EMAIL}`}>{PRIVACY_CONTACT_EMAIL}</a>.
      </p>
    </article>
  );
}
