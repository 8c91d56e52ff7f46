import { ShareDeidentification, type ShareLinkRecord } from "@pacs/shared";
import { accessOutcomeText, isLiveShareStatus, shareRowStatus } from "./share-link-status";

const now = new Date("2026-12-02T10:00:00Z");
const link = (changes: Partial<ShareLinkRecord>): ShareLinkRecord => ({
  linkId: "l1",
  StudyInstanceUID: "1.2.3",
  studyTitle: "Study",
  label: null,
  createdAt: new Date(now.getTime() - 3_600_000),
  expiresAt: new Date(now.getTime() + 3_600_000),
  revokedAt: null,
  maxViews: null,
  views: 0,
  lastAccessAt: null,
  allowDownload: false,
  pinProtected: false,
  pinLockedUntil: null,
  purgeAt: new Date(now.getTime() + 31 * 86_400_000),
  deidentification: null,
  ...changes,
});
const copy = (status: ShareDeidentification["status"]): ShareDeidentification =>
  ShareDeidentification.parse({ pseudonym: "Case 12", options: {}, includeBurnedInText: false, status, total: 10, done: 3, leftOut: [], bytes: 0, error: null });

it("shows a live de-identified link as preparing, or failed, until its copy is ready", () => {
  expect(shareRowStatus(link({ deidentification: copy("preparing") }), now)).toBe("preparing");
  expect(shareRowStatus(link({ deidentification: copy("failed") }), now)).toBe("unavailable");
  expect(shareRowStatus(link({ deidentification: copy("ready") }), now)).toBe("active");
  expect(shareRowStatus(link({}), now)).toBe("active");
  // A dead link is dead whatever its copy.
  expect(shareRowStatus(link({ deidentification: copy("deleted"), revokedAt: now }), now)).toBe("revoked");
  expect(shareRowStatus(link({ deidentification: copy("preparing"), expiresAt: now }), now)).toBe("expired");
  expect(shareRowStatus(link({ pinLockedUntil: new Date(now.getTime() + 60_000) }), now)).toBe("locked");
  expect(["preparing", "unavailable", "locked", "active"].every((status) => isLiveShareStatus(status as never))).toBe(true);
  expect(isLiveShareStatus("revoked")).toBe(false);
});

it("tells the owner when a recipient saw or downloaded only the de-identified copy", () => {
  expect(accessOutcomeText({ outcome: "opened", deidentified: true })).toBe("Saw a de-identified copy");
  expect(accessOutcomeText({ outcome: "downloaded", deidentified: true })).toBe("Downloaded a de-identified copy");
  expect(accessOutcomeText({ outcome: "opened" })).toBe("Opened");
  expect(accessOutcomeText({ outcome: "pin-refused", deidentified: true })).toBe("Wrong PIN");
});
