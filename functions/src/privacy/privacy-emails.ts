import { PRIVACY_CONTACT_EMAIL, PRODUCT_NAME, type PrivacyRequestKind } from "@pacs/shared";
import { renderEmail, type RenderedEmail } from "../email/render-email";
import { formatExpiry } from "../email/share-link-email";

/** The privacy emails. None carries patient data: they are about the account, not its studies. */
const FOOTER = `You received this email because of a privacy request for your ${PRODUCT_NAME} account. Questions: ${PRIVACY_CONTACT_EMAIL}.`;

export function renderConfirmationEmail(kind: PrivacyRequestKind, url: string, confirmBy: Date): RenderedEmail {
  const what = kind === "export" ? "a copy of all your data" : "the deletion of your account and all its data";
  return renderEmail({
    subject: kind === "export" ? `Confirm your data export from ${PRODUCT_NAME}` : `Confirm the deletion of your ${PRODUCT_NAME} account`,
    heading: kind === "export" ? "Confirm your data export" : "Confirm your account deletion",
    paragraphs: [
      `Someone signed in to your account asked for ${what}. Nothing happens until you confirm.`,
      ...(kind === "deletion" ? ["Deletion is permanent: your studies, uploads, share links and account are removed and cannot be recovered."] : []),
      `The link works until ${formatExpiry(confirmBy)}. If you did not ask for this, ignore this email and consider changing your password.`,
    ],
    action: { label: kind === "export" ? "Confirm the export" : "Delete my account", url },
    footer: FOOTER,
  });
}

export function renderExportReadyEmail(url: string, expiresAt: Date, files: number): RenderedEmail {
  return renderEmail({
    subject: `Your ${PRODUCT_NAME} data export is ready`,
    heading: "Your data export is ready",
    paragraphs: [
      `The ZIP holds your ${files} original DICOM files and JSON of your account, consents, uploads, study metadata, share links and activity log.`,
      `The link works until ${formatExpiry(expiresAt)}. Keep the file safe: it contains health data.`,
    ],
    action: { label: "Download the ZIP", url },
    footer: FOOTER,
  });
}

export function renderDeletionDoneEmail(): RenderedEmail {
  return renderEmail({
    subject: `Your ${PRODUCT_NAME} account has been deleted`,
    heading: "Your account has been deleted",
    paragraphs: [
      "Your account, studies, uploads, share links and activity log have been deleted, and your share links no longer open.",
      "We keep only a proof that the deletion happened: a one-way hash of your account id, the time and the number of items deleted. This is the last email you will receive from us.",
    ],
    footer: FOOTER,
  });
}
