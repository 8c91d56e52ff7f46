"use client";
/**
 * What an upload came to: how many images were stored, which files were not
 * and why, and links to the studies they belong to.
 */
import type { UploadBatch, VerdictCounts } from "@pacs/shared";
import Link from "next/link";
import { formatBytes, formatCount, formatQuantity } from "@/lib/format";
import { describeProblem } from "@/lib/ingest-reasons";
import type { NotUploadedFile } from "@/lib/not-uploaded";
import { useStudiesByUid, type StudyRow } from "@/lib/studies";
import { describeStudy } from "@/lib/study-label";
import { FileReasonList } from "./FileReasonList";

const COUNT_LABELS: [keyof VerdictCounts, string][] = [
  ["stored", "Stored"],
  ["duplicate", "Already stored"],
  ["skipped", "Skipped"],
  ["failed", "Failed"],
];

function UploadedStudies({ uid, studyInstanceUIDs }: { uid: string; studyInstanceUIDs: string[] }) {
  const live = useStudiesByUid(uid, studyInstanceUIDs);
  // Until the records arrive, each study is named by its UID.
  const rows: (StudyRow | { id: string; study?: undefined; error?: undefined })[] =
    live.status === "ready" ? live.value : studyInstanceUIDs.map((id) => ({ id }));
  return (
    <>
      <h3>{formatQuantity(studyInstanceUIDs.length, "study", "studies")} in this upload</h3>
      {live.status === "error" ? <p className="error">{live.message}</p> : null}
      <ul className="study-links">
        {rows.map((row) => (
          <li key={row.id}>
            <Link href={`/studies/?study=${encodeURIComponent(row.id)}`} data-study-uid={row.id}>
              {row.study ? describeStudy(row.study) : row.id}
            </Link>
            {row.error ? <span className="error"> {row.error}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function BatchSummary({ uid, batch, notUploaded }: { uid: string; batch: UploadBatch; notUploaded: NotUploadedFile[] }) {
  const problems = batch.problems.map((problem) => ({ relativePath: problem.file, reason: describeProblem(problem) }));
  return (
    <section className="card" aria-labelledby="summary-title">
      <h2 id="summary-title">Upload complete</h2>
      <dl className="counts">
        {COUNT_LABELS.map(([key, label]) => (
          <div key={key} className={batch.counts[key] > 0 ? `count ${key} nonzero` : `count ${key}`}>
            <dt>{label}</dt>
            <dd data-testid={`count-${key}`}>{formatCount(batch.counts[key])}</dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        {formatBytes(batch.bytesStored)} stored.{batch.sentBy ? ` Sent over DICOMweb by ${batch.sentBy}.` : ""}
      </p>
      {batch.dicomdirMissing > 0 ? (
        <p role="alert" className="notice">
          The DICOMDIR lists {formatQuantity(batch.dicomdirMissing, "file")} that {batch.dicomdirMissing === 1 ? "was" : "were"} not in
          the upload. Upload the whole folder of the CD or export to include them.
        </p>
      ) : null}
      {batch.studyInstanceUIDs.length > 0 ? <UploadedStudies uid={uid} studyInstanceUIDs={batch.studyInstanceUIDs} /> : null}
      {problems.length > 0 ? (
        <>
          <h3>{formatQuantity(problems.length + batch.problemsOmitted, "file")} not stored</h3>
          <FileReasonList label="Files not stored" files={problems} />
          {batch.problemsOmitted > 0 ? <p className="muted">…and {formatCount(batch.problemsOmitted)} more not listed.</p> : null}
        </>
      ) : null}
      {notUploaded.length > 0 ? (
        <>
          <h3>{formatQuantity(notUploaded.length, "file")} not uploaded</h3>
          <FileReasonList label="Files not uploaded" files={notUploaded} />
        </>
      ) : null}
    </section>
  );
}
