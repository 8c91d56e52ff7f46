import { PRODUCT_NAME } from "@pacs/shared";
import { formatExpiry, renderShareLinkEmail, type ShareLinkEmail } from "./share-link-email";

const share: ShareLinkEmail = {
  senderName: "Dr. Ada <Lovelace>",
  note: "Second opinion on the knee, please",
  url: "https://app.example.test/s/abc123",
  expiresAt: new Date("2026-02-09T14:30:00Z"),
};

describe("renderShareLinkEmail", () => {
  it("names the sender, the product, the note, the link and the expiry in both parts", () => {
    const email = renderShareLinkEmail(share);
    expect(email.subject).toBe(`Dr. Ada <Lovelace> shared a study with you on ${PRODUCT_NAME}`);
    expect(email.text).toContain("Dr. Ada <Lovelace> shared a medical imaging study");
    expect(email.html).toContain("Dr. Ada &lt;Lovelace&gt; shared a medical imaging study");
    for (const part of [email.text, email.html]) {
      expect(part).toContain(PRODUCT_NAME);
      expect(part).toContain("Second opinion on the knee, please");
      expect(part).toContain("https://app.example.test/s/abc123");
      expect(part).toContain("Monday, 9 February 2026 at 14:30 UTC");
    }
  });

  it("leaves the note out when there is none", () => {
    const { note: _note, ...withoutNote } = share;
    expect(renderShareLinkEmail(withoutNote).text).not.toContain("Their note");
  });

  it("drops study fields passed by mistake, so no patient data reaches the email", () => {
    const withStudy = { ...share, PatientName: "DOE^JANE", StudyDescription: "MRI KNEE" } as ShareLinkEmail;
    const email = renderShareLinkEmail(withStudy);
    for (const part of [email.subject, email.text, email.html]) {
      expect(part).not.toContain("DOE^JANE");
      expect(part).not.toContain("MRI KNEE");
    }
  });

  it("refuses a link that is not http(s) and an empty sender", () => {
    expect(() => renderShareLinkEmail({ ...share, url: "javascript:alert(1)" })).toThrow();
    expect(() => renderShareLinkEmail({ ...share, senderName: "  " })).toThrow();
  });
});

describe("formatExpiry", () => {
  it("says the time in UTC, whatever the server's zone", () => {
    expect(formatExpiry(new Date("2026-12-31T23:59:00Z"))).toBe("Thursday, 31 December 2026 at 23:59 UTC");
    expect(formatExpiry(new Date("2027-01-01T00:05:00+01:00"))).toBe("Thursday, 31 December 2026 at 23:05 UTC");
  });
});
