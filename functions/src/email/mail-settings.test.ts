import { DEFAULT_MAIL_FROM, EmailConfigError, readMailSettings } from "./mail-settings";

describe("readMailSettings", () => {
  it("reads the SMTP URL and uses the default sender", () => {
    expect(readMailSettings({ PACS_SMTP_URL: "smtp://127.0.0.1:2525" })).toEqual({ smtpUrl: "smtp://127.0.0.1:2525", from: DEFAULT_MAIL_FROM });
    expect(DEFAULT_MAIL_FROM).toBe('"Radiology PACS" <no-reply@radiologypacs.app>');
  });

  it("takes PACS_MAIL_FROM when it is set", () => {
    const env = { PACS_SMTP_URL: "smtps://user:secret@smtp.example.test:465", PACS_MAIL_FROM: "PACS <mail@example.test>" };
    expect(readMailSettings(env).from).toBe("PACS <mail@example.test>");
  });

  it("says what to set when the SMTP URL is missing", () => {
    expect(() => readMailSettings({})).toThrow(EmailConfigError);
    expect(() => readMailSettings({})).toThrow(/PACS_SMTP_URL is not set.*functions:secrets:set PACS_SMTP_URL/);
  });

  it("rejects a URL that is not SMTP without repeating its password", () => {
    for (const url of ["https://user:hunter2@smtp.example.test", "not a url hunter2", "smtp://"]) {
      let message = "";
      try {
        readMailSettings({ PACS_SMTP_URL: url });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toContain("PACS_SMTP_URL must look like smtp://");
      expect(message).not.toContain("hunter2");
    }
  });

  it("rejects a sender without an address or spread over lines", () => {
    expect(() => readMailSettings({ PACS_SMTP_URL: "smtp://localhost", PACS_MAIL_FROM: "Radiology PACS" })).toThrow("PACS_MAIL_FROM");
    expect(() => readMailSettings({ PACS_SMTP_URL: "smtp://localhost", PACS_MAIL_FROM: "a@b.test\nBcc: c@d.test" })).toThrow("PACS_MAIL_FROM");
  });
});
