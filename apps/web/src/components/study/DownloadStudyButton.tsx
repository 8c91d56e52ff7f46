"use client";
import { requestStudyDownload } from "@/lib/studies-api";
import { StudyActionButton } from "./StudyActionButton";

/** Packs the study into a ZIP on the server (a large study takes a moment) and starts the download. */
export function DownloadStudyButton({ studyInstanceUID }: { studyInstanceUID: string }) {
  return (
    <StudyActionButton
      label="Download (ZIP)"
      busyLabel="Preparing ZIP…"
      className="secondary"
      action={async (user) => window.location.assign(await requestStudyDownload(user, studyInstanceUID))}
    />
  );
}
