"use client";
/** `/download-export/?request=&token=`: the link in the "your export is ready" email. */
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { StatusMessage } from "@/components/StatusMessage";
import { exportDownloadUrl } from "@/lib/privacy-api";
import { useAction } from "@/lib/use-action";

function DownloadExport() {
  const params = useSearchParams();
  const action = useAction();
  const download = () =>
    action.run(async () => {
      window.location.assign(await exportDownloadUrl(params.get("request") ?? "", params.get("token") ?? ""));
    });

  return (
    <>
      <p>Your export is a ZIP of your DICOM files and your account data. It contains health data: keep it somewhere safe.</p>
      <button type="button" onClick={download} disabled={action.busy} aria-busy={action.busy}>
        {action.busy ? "Preparing…" : "Download my data (ZIP)"}
      </button>
      <StatusMessage state={action} />
    </>
  );
}

export default function DownloadExportPage() {
  return (
    <section className="card narrow">
      <h1>Your data export</h1>
      <Suspense>
        <DownloadExport />
      </Suspense>
    </section>
  );
}
