import { PRODUCT_NAME } from "@pacs/shared";
import { EmailRenderError, escapeHtml, renderEmail } from "./render-email";

const content = {
  subject: "Your export is ready",
  heading: "Your data export is ready",
  paragraphs: ["The ZIP holds your files.", "The link works for 7 days."],
  action: { label: "Download the export", url: "https://app.example.test/exports/abc?token=x&y=1" },
};

describe("renderEmail", () => {
  it("writes a text part and an HTML part that both name the product and carry every paragraph", () => {
    const email = renderEmail(content);
    for (const part of [email.text, email.html]) {
      expect(part).toContain(PRODUCT_NAME);
      expect(part).toContain("Your data export is ready");
      expect(part).toContain("The link works for 7 days.");
      expect(part).toContain(`You received this email from ${PRODUCT_NAME}.`);
    }
    expect(email.subject).toBe("Your export is ready");
  });

  it("puts the action link in both parts, escaped as an attribute in HTML", () => {
    const email = renderEmail(content);
    expect(email.text).toContain("Download the export:\nhttps://app.example.test/exports/abc?token=x&y=1");
    expect(email.html).toContain('<a href="https://app.example.test/exports/abc?token=x&amp;y=1"');
    expect(email.html).toContain(">Download the export</a>");
  });

  it("escapes every interpolated value in the HTML part and leaves the text part verbatim", () => {
    const hostile = `<script>alert("x")</script> & 'quotes'`;
    const email = renderEmail({
      subject: hostile,
      heading: hostile,
      paragraphs: [hostile],
      action: { label: hostile, url: `https://app.example.test/?q="><img src=x onerror=alert(1)>` },
      footer: hostile,
    });
    expect(email.html).not.toContain("<script>");
    expect(email.html).not.toContain("<img");
    expect(email.html).not.toMatch(/href="[^"]*"[^>]*onerror/);
    expect(email.html.match(/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; &#39;quotes&#39;/g)).toHaveLength(5);
    expect(email.text).toContain(hostile);
  });

  it("refuses an action link that is not a web address", () => {
    expect(() => renderEmail({ ...content, action: { label: "Go", url: "javascript:alert(1)" } })).toThrow(EmailRenderError);
    expect(() => renderEmail({ ...content, action: { label: "Go", url: "/relative/path" } })).toThrow("not an absolute URL");
  });

  it("keeps the subject on one line and refuses an empty one", () => {
    expect(renderEmail({ ...content, subject: "Line one\r\nBcc: someone@example.test" }).subject).toBe("Line one Bcc: someone@example.test");
    expect(() => renderEmail({ ...content, subject: " \n " })).toThrow("subject is empty");
  });

  it("renders an email without an action", () => {
    const email = renderEmail({ subject: "Deleted", heading: "Your account was deleted", paragraphs: ["Everything is gone."] });
    expect(email.html).not.toContain("<a ");
    expect(email.text).toContain("Everything is gone.");
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters that matter in content and attributes", () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});
