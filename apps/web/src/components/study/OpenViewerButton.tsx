"use client";
import { buildViewerUrl, openViewerSession } from "@/lib/viewer-api";
import { StudyActionButton } from "./StudyActionButton";

/** Opens the study full-window in OHIF, through a manifest link that expires in minutes. */
export function OpenViewerButton({ studyInstanceUID }: { studyInstanceUID: string }) {
  return (
    <StudyActionButton
      label="Open in viewer"
      busyLabel="Opening…"
      action={async (user) => window.location.assign(buildViewerUrl(window.location.origin, await openViewerSession(user, studyInstanceUID)))}
    />
  );
}
