import { AUDIT_ACTION_TEXT, AuditAction, describeAuditEntry } from "./audit";

describe("describeAuditEntry", () => {
  it("labels every kind of entry, so the Activity log never shows a bare code", () => {
    for (const action of AuditAction.options) expect(describeAuditEntry({ action })).toBe(AUDIT_ACTION_TEXT[action]);
    expect(new Set(Object.values(AUDIT_ACTION_TEXT)).size).toBe(AuditAction.options.length);
  });

  it("says to whom a link was emailed and how many files an upload declared", () => {
    expect(describeAuditEntry({ action: "share-link-emailed", recipient: "dr.ada@example.org" })).toBe("Emailed a shared link to dr.ada@example.org");
    expect(describeAuditEntry({ action: "upload-started", files: 1 })).toBe("Started an upload of 1 file");
    expect(describeAuditEntry({ action: "upload-started", files: 12 })).toBe("Started an upload of 12 files");
    expect(describeAuditEntry({ action: "access-token-created", tokenName: "Gateway" })).toBe('Created an access token "Gateway"');
    expect(describeAuditEntry({ action: "dicomweb-request", request: "GET studies", tokenName: "Gateway" })).toBe('DICOMweb GET studies with the token "Gateway"');
    expect(describeAuditEntry({ action: "dicomweb-request", request: "POST studies" })).toBe("DICOMweb POST studies while signed in");
  });
});
