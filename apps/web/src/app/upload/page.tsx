"use client";
/**
 * Upload studies: choose or drop files, folders and ZIP archives; the browser
 * checks them, sends them, and the page follows the server's processing to a
 * summary with links to the studies. `?batch=<id>` shows a batch after reload.
 */
import type { UserProfile } from "@pacs/shared";
import type { User } from "firebase/auth";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useMemo } from "react";
import { RequireAccount } from "@/components/RequireAccount";
import { StorageUsage } from "@/components/StorageUsage";
import { BatchStatus } from "@/components/upload/BatchStatus";
import { FilePicker } from "@/components/upload/FilePicker";
import { SelectionReview } from "@/components/upload/SelectionReview";
import { UploadProgress } from "@/components/upload/UploadProgress";
import { readStorageQuota } from "@/lib/quota";
import { useUploadFlow, type UploadFlow } from "@/lib/use-upload-flow";

/** The server's side of a sealed batch, and where to go next. */
function AfterUpload({ uid, batchId, flow, onStartOver }: { uid: string; batchId: string; flow: UploadFlow; onStartOver: () => void }) {
  return (
    <>
      <BatchStatus uid={uid} batchId={batchId} notUploaded={flow.notUploaded} />
      <div className="actions">
        <button type="button" onClick={onStartOver}>
          Upload more files
        </button>
        <Link href="/studies/" className="button secondary">
          Go to your studies
        </Link>
      </div>
    </>
  );
}

function UploadScreen({ user, profile }: { user: User; profile: UserProfile }) {
  const router = useRouter();
  const shownBatch = useSearchParams().get("batch");
  const quota = useMemo(() => readStorageQuota(profile), [profile]);
  const flow = useUploadFlow(user, quota, (batchId) => router.replace(`/upload/?batch=${encodeURIComponent(batchId)}`));
  const { phase, run } = flow;
  const choosing = phase.kind === "choosing" || phase.kind === "announcing";

  function startOver() {
    flow.reset();
    router.replace("/upload/");
  }

  return (
    <section>
      <div className="page-title">
        <h1>Upload studies</h1>
        <Link href="/studies/">Your studies</Link>
      </div>
      <div className="field">
        <span className="label">Your storage</span>
        <StorageUsage profile={profile} />
      </div>
      {!choosing && run ? <UploadProgress phase={phase} run={run} onRetryFailed={flow.retryFailed} onSeal={flow.seal} /> : null}
      {phase.kind === "sealed" ? <AfterUpload uid={user.uid} batchId={phase.batchId} flow={flow} onStartOver={startOver} /> : null}
      {/* After a reload, `?batch=` still shows how that upload went. */}
      {choosing && shownBatch ? <AfterUpload uid={user.uid} batchId={shownBatch} flow={flow} onStartOver={startOver} /> : null}
      {choosing && !shownBatch ? (
        <>
          <FilePicker onPick={flow.addFiles} disabled={phase.kind === "announcing"} />
          {flow.selection.files.length + flow.selection.unreadable.length > 0 ? (
            <SelectionReview
              preflight={flow.preflight}
              unreadable={flow.selection.unreadable}
              refusal={flow.refusal}
              busy={phase.kind === "announcing"}
              onStart={flow.start}
              onClear={flow.reset}
            />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

function VerifyFirst() {
  return (
    <section>
      <h1>Upload studies</h1>
      <p role="status" className="notice">
        Verify your email before uploading: patient images are only accepted from confirmed addresses.{" "}
        <Link href="/verify-email/">Resend the link</Link>
      </p>
    </section>
  );
}

export default function UploadPage() {
  return (
    <Suspense>
      <RequireAccount>{(account) => (account.user.emailVerified ? <UploadScreen {...account} /> : <VerifyFirst />)}</RequireAccount>
    </Suspense>
  );
}
