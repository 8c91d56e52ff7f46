import { CURRENT_POLICY, PRIVACY_CONTACT_EMAIL, PRODUCT_NAME } from "@pacs/shared";
import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Processors & Subprocessors" };

interface Processor {
  service: string;
  provider: string;
  purpose: string;
  data: string;
  location: string;
  /** Plain URLs, shown as their own link text. */
  docs: string[];
}

const FIREBASE_PRIVACY = "https://firebase.google.com/support/privacy";
const CLOUD_DPA = "https://cloud.google.com/terms/data-processing-addendum";

const PROCESSORS: Processor[] = [
  {
    service: "Firebase Authentication",
    provider: "Google LLC (Google Cloud)",
    purpose: "Sign-up, sign-in (email and password, Google), email address verification and password reset.",
    data: "User ID, email address, display name, Google profile basics if you use Google sign-in, sign-in times, IP address.",
    location: "Google's global infrastructure (the service has no region setting).",
    docs: [FIREBASE_PRIVACY, CLOUD_DPA],
  },
  {
    service: "Cloud Firestore",
    provider: "Google LLC (Google Cloud)",
    purpose: "Database for account records, study, series and instance metadata, uploads, share links and the audit log.",
    data: "Account data, file metadata, extracted DICOM metadata (which may include patient identifiers), audit entries.",
    location: "The project's configured region.",
    docs: [FIREBASE_PRIVACY, CLOUD_DPA],
  },
  {
    service: "Cloud Storage for Firebase",
    provider: "Google LLC (Google Cloud)",
    purpose: "Stores the DICOM files and ZIP archives you upload, and the files made from them (images, previews, exports).",
    data: "Uploaded files, including any PHI they contain.",
    location: "The project's configured region.",
    docs: [FIREBASE_PRIVACY, CLOUD_DPA],
  },
  {
    service: "Cloud Functions for Firebase",
    provider: "Google LLC (Google Cloud)",
    purpose: "Server code: reads DICOM headers, unpacks ZIPs, answers API calls, issues short-lived viewer links, runs exports and deletions. Its logs go to Google Cloud Logging.",
    data: "Uploaded files and metadata while they are processed; request logs (IP address, browser type, time).",
    location: "The project's configured region.",
    docs: [FIREBASE_PRIVACY, CLOUD_DPA],
  },
  {
    service: "Firebase Hosting",
    provider: "Google LLC (Google Cloud)",
    purpose: "Serves the website and passes API calls to Cloud Functions.",
    data: "Request data: IP address, browser type, addresses requested.",
    location: "Google's global content delivery network.",
    docs: [FIREBASE_PRIVACY, CLOUD_DPA],
  },
  {
    service: "Google Analytics 4",
    provider: "Google LLC",
    purpose: "Usage statistics to improve the service. Only after you accept analytics; never otherwise.",
    data: "Pages viewed, session length, device and browser type, approximate location, a random cookie identifier. No study, patient or file data.",
    location: "Google's global infrastructure.",
    docs: ["https://policies.google.com/privacy", "https://support.google.com/analytics/answer/6004245"],
  },
  {
    service: "Transactional email",
    provider: "Our SMTP email provider, named in the deployment (ask us for its name).",
    purpose: "Sends confirmations of data export and account deletion requests, export download links, and share links you ask us to email.",
    data: "Your email address, a share link recipient's address, your display name and note, and the content of those emails. No study or patient data.",
    location: "Depends on the provider; ask us.",
    docs: [],
  },
];

/** The third parties that process personal data for us; linked from the Privacy Policy. */
export default function ProcessorsPage() {
  return (
    <article className="prose">
      <h1>Processors &amp; Subprocessors</h1>
      <p>
        Applies from {CURRENT_POLICY.effectiveDate}, with Privacy Policy version {CURRENT_POLICY.version}.
      </p>
      <p>
        {PRODUCT_NAME} runs on the services below. Each processes personal data only to provide its service to us, under
        its data processing terms. Google Analytics runs only if you accept analytics. See the{" "}
        <Link href="/privacy/">Privacy Policy</Link> for what we collect and why.
      </p>

      <table>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Provider</th>
            <th scope="col">Purpose</th>
            <th scope="col">Data</th>
            <th scope="col">Location</th>
            <th scope="col">Privacy documentation</th>
          </tr>
        </thead>
        <tbody>
          {PROCESSORS.map((processor) => (
            <tr key={processor.service}>
              <th scope="row">{processor.service}</th>
              <td>{processor.provider}</td>
              <td>{processor.purpose}</td>
              <td>{processor.data}</td>
              <td>{processor.location}</td>
              <td>
                {processor.docs.length === 0 ? (
                  <>On request from {PRIVACY_CONTACT_EMAIL}</>
                ) : (
                  processor.docs.map((url) => (
                    <span key={url}>
                      <a href={url} rel="noopener noreferrer">
                        {url}
                      </a>
                      <br />
                    </span>
                  ))
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>Transfers outside your country</h2>
      <p>
        Firestore, Cloud Storage and Cloud Functions keep data in the region configured for our project. Firebase
        Authentication, Firebase Hosting and Google Analytics may process data in other countries, including the United
        States. Google covers these transfers in its data processing terms, which include the EU Standard Contractual
        Clauses.
      </p>

      <h2>Changes</h2>
      <p>
        We update this page before a new processor starts handling personal data. Questions:{" "}
        <a href={`mailto:${PRIVACY_CONTACT_EMAIL}`}>{PRIVACY_CONTACT_EMAIL}</a>.
      </p>
    </article>
  );
}
