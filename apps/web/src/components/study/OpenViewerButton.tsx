"use client";
import { useEffect } from "react";
import { buildViewerUrl, openViewerSession } from "@/lib/viewer-api";
import { warmViewer } from "@/lib/warm-viewer";
import { StudyActionButton } from "./StudyActionButton";

/** Opens the study full-window in OHIF, through a manifest link that expires in minutes. */
export function OpenViewerButton({ studyInstanceUID }: { studyInstanceUID: string }) {
  // While the reader looks at the study page, OHIF's scripts come into the cache (docs/viewer.md).
  useEffect(() => void warmViewer(document), []);
  return (
    <StudyActionButton
      label="Open in viewer"
      busyLabel="Opening…"
      action={async (user) => window.location.assign(buildViewerUrl(window.location.origin, await openViewerSession(user, studyInstanceUID)))}
    />
  );
}
