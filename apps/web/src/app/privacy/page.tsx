import { CURRENT_POLICY, MINIMUM_AGE, PRIVACY_CONTACT_EMAIL, PRODUCT_NAME } from "@pacs/shared";
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Privacy Policy" };

const contact = <a href={`mailto:${PRIVACY_CONTACT_EMAIL}`}>{PRIVACY_CONTACT_EMAIL}</a>;

/** Our Privacy Policy. Bump CURRENT_POLICY in @pacs/shared whenever this text changes materially. */
export default function PrivacyPage() {
  return (
    <article className="prose">
      <h1>Privacy Policy</h1>
      <p>
        Version {CURRENT_POLICY.version}. Effective from {CURRENT_POLICY.effectiveDate}.
      </p>
      <p>
        {PRODUCT_NAME} (&quot;we&quot;, &quot;us&quot;) is a cloud archive and viewer for medical images. This policy
        explains what we collect when you use our website and services, why we collect it, who processes it for us, how
        long we keep it, and how you can see, take away or delete it.
      </p>

      <h2>In short</h2>
      <ul>
        <li>We store the studies you upload so that you can search, view and share them. We do not sell your data or the data of your patients.</li>
        <li>Images reach a viewer only through links that expire after a short time. No browser can read our storage directly.</li>
        <li>Analytics runs only if you accept it, and it never receives study, patient or file data.</li>
        <li>You can export your data or delete your account from Settings, or write to us at {contact}.</li>
      </ul>

      <h2>What we collect</h2>
      <h3>Your account</h3>
      <p>
        You sign in through Firebase Authentication, with an email address and password or with your Google account.
        Your account has a unique user ID (UID) and holds your email address and the display name you give us. If you use
        Google sign-in, Google shares the basic profile of that account (name, email address, picture link). We also
        record that you confirmed you are {MINIMUM_AGE} or older, and which version of this policy you accepted and when.
        We never see your password: Firebase Authentication checks it for us.
      </p>
      <h3>The studies you upload</h3>
      <p>
        You can upload DICOM files, whole folders and ZIP archives. DICOM files usually contain personal and health
        information about patients (protected health information, PHI): names, dates of birth, identifiers, clinical
        details and sometimes text burned into the images. We store the files you upload; ZIP archives are unpacked into
        their individual images.
      </p>
      <p>
        For each file we keep its name, size, content type, upload time and the upload it belonged to. From the DICOM
        headers we extract study metadata: identifiers such as StudyInstanceUID, SeriesInstanceUID and SOPInstanceUID,
        and a limited set of descriptive fields such as patient name and ID, study date, modality and description. We
        store this metadata in our database to list and search your studies, to show study previews and to build viewer
        and share links.
      </p>
      <h3>Usage data and server logs</h3>
      <p>
        When your browser talks to our servers, Google Cloud records requests: IP address, browser type, time, the
        address requested and the result. Our own code may log errors together with the account they concern. An activity
        log records your sign-ins, every access to your studies (opening them in the viewer, downloads, and opens of
        your share links) and your data export and deletion requests. You can read it in Settings, and only our
        servers can write it.
      </p>
      <h3>Share links</h3>
      <p>
        When someone opens a study you shared, we count the view and record in that link&apos;s access log the time,
        their approximate country (looked up from their IP address in a database on our servers; the address itself is
        not kept) and their browser. Only you can see it. If you send a link by email from the app, we send it to the
        address you enter, with your display name and your note, never with patient data or the PIN.
      </p>
      <h3>Analytics, only with your consent</h3>
      <p>
        If you accept analytics, Google Analytics receives the pages you visit, how long you stay, your device and browser
        type and your approximate location, linked to a random identifier stored in a cookie. It never receives the
        content of your studies, patient data or file names. If you reject analytics or make no choice, no analytics
        data is sent.
      </p>
      <h3>Derived data</h3>
      <p>
        We do not run image analysis or train models on your studies. If we study how the service is used, we work
        with aggregated figures (for example the number of uploads per day) that do not identify you or any patient.
      </p>

      <h2>How we use it</h2>
      <ul>
        <li>To create and protect your account, and to require a verified email address before you upload.</li>
        <li>To store, index and display your studies, make previews, and issue viewer and share links.</li>
        <li>To apply storage limits, keep the service running and fix faults.</li>
        <li>To detect and investigate abuse and security incidents.</li>
        <li>To send service emails: address verification, confirmations of data exports and account deletion, and share links you ask us to send.</li>
        <li>To improve the service from analytics, if you have accepted it.</li>
        <li>To meet our legal obligations and answer requests about your rights.</li>
      </ul>
      <p>
        We do not use your studies for advertising, do not sell or rent any data, and do not open your studies ourselves
        unless you ask us to for support or the law requires it.
      </p>

      <h2>Who processes data for us</h2>
      <p>
        The service runs on Google&apos;s Firebase and Google Cloud: Firebase Authentication, Cloud Firestore, Cloud
        Storage for Firebase, Cloud Functions for Firebase and Firebase Hosting. Google Analytics is used only with your
        consent, and an email provider sends our service emails. Each processes data only on our instructions. The{" "}
        <Link href="/processors/">Processors &amp; Subprocessors</Link> page lists them with what they receive and links
        to their privacy and data processing terms.
      </p>
      <p>
        Our database, storage and functions run in the region chosen for our project. Some services, including Firebase
        Authentication and Google Analytics, may process data in other countries, including the United States; Google
        covers such transfers in its data processing terms, which include the EU Standard Contractual Clauses.
      </p>

      <h2>Cookies, local storage and your consent</h2>
      <p>
        On your first visit, before any analytics code loads, a banner asks whether you accept analytics. Rejecting is
        as easy as accepting, and the site works the same either way. &quot;Customize&quot; lets you choose by category:
        strictly necessary (always on), analytics, and advertising. We show no ads and load no advertising code; the
        advertising category only decides whether Google may use analytics data for advertising, and it is off unless
        you turn it on. Your choice is saved in your browser&apos;s localStorage under the key{" "}
        <code>tracking-consent</code>; it stays on your device.
      </p>
      <p>
        Signing in needs no consent: Firebase Authentication keeps your session in your browser&apos;s storage, which is
        strictly necessary for the service to work.
      </p>
      <p>
        <strong>Studies kept on your device, only if you switch it on.</strong> In Settings, under &quot;This device&quot;, you can
        let your browser keep the images of the studies you open in the viewer, so that they open again without being
        downloaded again. It is off unless you switch it on, it applies only to the browser where you switch it on, and it
        never keeps studies opened through a share link. The images are kept in this site&apos;s Cache Storage in that
        browser, unencrypted, and nothing is sent from there to us or anyone else. Settings shows how much is kept. They
        stay until you press &quot;Clear now&quot; in Settings, switch the setting off, sign out (which also switches it
        off), or clear this site&apos;s data in your browser settings. Deleting a study in a browser also removes the
        images that browser kept of it; other browsers that kept it keep them until cleared, and deleting your account
        removes it from our servers, not from a browser that kept it, so clear those browsers too. Switch it on only on a device that you
        alone use. It is a feature you ask for, not tracking, so the cookie banner does not ask about it.
      </p>
      <p>You can withdraw or change your consent at any time:</p>
      <ul>
        <li>open &quot;Cookie preferences&quot; in the footer of any page; or</li>
        <li>
          remove the <code>tracking-consent</code> entry from this site&apos;s localStorage (for example by clearing the
          site&apos;s data in your browser settings). The banner then asks again on your next visit.
        </li>
      </ul>
      <p>
        Withdrawing stops analytics at once, without reloading the page; it does not affect what was collected before. You can delete existing
        Google Analytics cookies (their names begin with <code>_ga</code>) in your browser settings.
      </p>

      <h2>Legal bases (GDPR)</h2>
      <ul>
        <li>
          <strong>Contract:</strong> running your account, storing, showing and sharing your studies, service emails,
          data export and deletion.
        </li>
        <li>
          <strong>Legitimate interests:</strong> security, preventing abuse and fraud, server logs, the audit log and
          keeping the service reliable.
        </li>
        <li>
          <strong>Legal obligation:</strong> answering requests about your rights, and lawful requests from authorities.
        </li>
        <li>
          <strong>Consent:</strong> analytics. You can withdraw it at any time as described above.
        </li>
      </ul>

      <h2>How long we keep data</h2>
      <ul>
        <li>
          Account data, uploaded files, file metadata and extracted study metadata: kept while your account exists, or until
          you delete them or ask us to. Study metadata lives as long as its study, because your study list is
          built from it.
        </li>
        <li>Viewer links expire after a short time (60 minutes by default). Share links expire at the time set when they are created.</li>
        <li>Studies kept on your device, if you switched that on: in that browser, until you clear them, switch it off or sign out.</li>
        <li>Server logs: for a limited period for troubleshooting and security (30 days under Google Cloud Logging&apos;s default).</li>
        <li>Activity log entries: deleted automatically one year after they are written, by default.</li>
        <li>Share links and their access logs: deleted 30 days after the link expires.</li>
        <li>Uploads that failed or were abandoned: deleted after 30 days without activity.</li>
        <li>Data exports: the ZIP and its link, 7 days after it is made. Study ZIPs you download: one day.</li>
        <li>Analytics data: for the retention period set in our Google Analytics property, at most 14 months.</li>
      </ul>
      <p>
        When you confirm the deletion of your account, we delete your account, profile, uploaded files, study
        metadata, share links (they stop opening), activity log and privacy requests. We keep only a proof that the
        deletion happened: a one-way hash of your account ID, the times and the number of items deleted. Google Cloud&apos;s
        request logs may remain until they expire as described above. Google then removes deleted data from its
        systems under its data deletion terms.
      </p>

      <h2>How we protect data</h2>
      <ul>
        <li>All traffic between your browser and the service is encrypted with TLS. Google encrypts stored data at rest.</li>
        <li>Sign-in runs through Firebase Authentication, and uploads require a verified email address.</li>
        <li>
          Access rules deny everything not explicitly allowed. You can read only your own account record, and a browser
          may only add new files to its own user&apos;s upload folder. No browser can read or list stored images.
        </li>
        <li>
          Our server hands out short-lived signed links to a study&apos;s images only after checking that you own the
          study or hold a valid share link.
        </li>
        <li>Storage limits and roles are set by our server only; users cannot change them.</li>
      </ul>
      <p>
        No system is perfectly secure. If you find a vulnerability, please tell us at once at {contact}. If a breach
        affects your personal data, we will notify the supervisory authority and you where the law requires it.
      </p>

      <h2>Health data (PHI)</h2>
      <p>
        Studies you upload may contain health information about patients. Before you upload, make sure you have a legal
        basis and any consents or authorisations required by the rules that apply to you, such as HIPAA in the United
        States, Article 9 GDPR in the EU, or your national health-data law. Where your purpose allows it, de-identify
        studies before uploading.
      </p>
      <p>
        We treat every study as confidential and protect it as described above. We have not signed a HIPAA Business
        Associate Agreement (BAA) with you unless we have agreed one separately and in writing. Without such an
        agreement, you are responsible for making sure that uploading PHI to the service is permitted.
      </p>

      <h2>Your rights</h2>
      <p>Depending on the law that applies to you, you have the right to:</p>
      <ul>
        <li>access the personal data we hold about you and receive a copy;</li>
        <li>have inaccurate data corrected (rectification);</li>
        <li>have your data deleted (erasure);</li>
        <li>receive your data in a portable format (portability);</li>
        <li>ask us to restrict processing;</li>
        <li>object to processing based on our legitimate interests;</li>
        <li>withdraw consent at any time, without affecting processing before the withdrawal;</li>
        <li>complain to a data protection supervisory authority, in particular where you live or work.</li>
      </ul>
      <h3>How to exercise them</h3>
      <ul>
        <li>
          <strong>Export:</strong> request a copy of your account data and studies from Settings. We confirm the
          request by email, then email you a link to a ZIP of your DICOM files and your data as JSON. The link works
          for 7 days.
        </li>
        <li>
          <strong>Deletion:</strong> request deletion of your account from Settings. We email you a confirmation link,
          and deletion starts once you confirm it.
        </li>
        <li>
          <strong>Anything else:</strong> write to {contact}.
        </li>
      </ul>
      <p>
        We may ask you to confirm your identity, for example by writing from your account&apos;s email address. We
        answer verified requests within 30 days; if a request is complex, we tell you within that time if we need
        longer, as the law allows.
      </p>

      <h2>Children</h2>
      <p>
        The service is for adults only. You must be {MINIMUM_AGE} or older to create an account, and we do not knowingly
        collect data from anyone younger. If you learn that someone under {MINIMUM_AGE} has given us personal data,
        contact us and we will delete it.
      </p>

      <h2>Changes to this policy</h2>
      <p>
        When we change this policy, we publish the new version on this page with a new version number and effective
        date. If the change is material, signed-in users are asked to read and accept the new version before they
        continue using the service.
      </p>

      <h2>Contact</h2>
      <p>
        Questions about this policy, the data we hold about you, or your rights: {contact}. See also our{" "}
        <Link href="/terms/">Terms</Link>.
      </p>
    </article>
  );
}
