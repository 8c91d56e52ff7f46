"use client";
/** `/study/?uid=<StudyInstanceUID>`: one study's details, its series, and what can be done with it. */
import type { StudyRecord } from "@pacs/shared";
import type { User } from "firebase/auth";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { TableHead } from "@/components/TableHead";
import { RequireAccount } from "@/components/RequireAccount";
import { ShareStudyButton } from "@/components/share/ShareStudyButton";
import { DeidentifiedDownloadButton } from "@/components/study/DeidentifiedDownloadButton";
import { DownloadStudyButton } from "@/components/study/DownloadStudyButton";
import { NonImageSeriesList } from "@/components/study/NonImageSeries";
import { OpenViewerButton } from "@/components/study/OpenViewerButton";
import { DeleteStudyButton } from "@/components/studies/DeleteStudyButton";
import { formatBytes, formatCount, formatDicomDate, formatPersonName } from "@/lib/format";
import { findNonImageSeries, hasViewableSeries } from "@/lib/series-kinds";
import { useStudy } from "@/lib/study";

function Details({ study }: { study: StudyRecord }) {
  const rows: Array<[string, string]> = [
    ["Patient", formatPersonName(study.PatientName)],
    ["Patient ID", study.PatientID],
    ["Birth date", formatDicomDate(study.PatientBirthDate)],
    ["Sex", study.PatientSex ?? ""],
    ["Study date", formatDicomDate(study.StudyDate)],
    ["Description", study.StudyDescription ?? ""],
    ["Accession", study.AccessionNumber ?? ""],
    ["Referring physician", formatPersonName(study.ReferringPhysicianName)],
    ["Modalities", study.ModalitiesInStudy.join(", ")],
    ["Images", formatCount(study.NumberOfStudyRelatedInstances)],
    ["Size", formatBytes(study.totalBytes)],
  ];
  return (
    <dl className="details">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value || <span className="muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

function SeriesList({ study }: { study: StudyRecord }) {
  return (
    <div className="table-scroll" role="region" aria-label="Series" tabIndex={0}>
      <table className="studies">
        <TableHead columns={["Series", "Modality", "Description", "Body part", { label: "Images", numeric: true }]} />
        <tbody>
          {study.series.map((series) => (
            <tr key={series.SeriesInstanceUID} data-series-uid={series.SeriesInstanceUID}>
              <th scope="row">{series.SeriesNumber ?? "—"}</th>
              <td>{series.Modality}</td>
              <td>{series.SeriesDescription ?? ""}</td>
              <td>{series.BodyPartExamined ?? ""}</td>
              <td className="numeric">{formatCount(series.NumberOfSeriesRelatedInstances)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StudyView({ user }: { user: User }) {
  const uid = useSearchParams().get("uid") ?? "";
  const live = useStudy(user.uid, uid);
  if (live.status === "loading") return <p className="muted" aria-busy="true">Loading the study…</p>;
  if (live.status === "error") return <p role="alert" className="error">{live.message}</p>;
  if (!live.value) {
    return (
      <p role="alert">
        This study is not in your archive (it may have been deleted). <Link href="/studies/">Back to your studies</Link>
      </p>
    );
  }
  const study = live.value;
  const nonImage = findNonImageSeries(study);
  const viewable = hasViewableSeries(study);
  return (
    <>
      <h1>{formatPersonName(study.PatientName) || study.PatientID || "Study"}</h1>
      <div className="actions">
        {viewable && <OpenViewerButton studyInstanceUID={study.StudyInstanceUID} />}
        <ShareStudyButton studyInstanceUID={study.StudyInstanceUID} />
        <DownloadStudyButton studyInstanceUID={study.StudyInstanceUID} />
        <DeidentifiedDownloadButton studyInstanceUID={study.StudyInstanceUID} />
        <DeleteStudyButton study={study} />
      </div>
      {!viewable && (
        <p className="notice" role="note">
          Nothing in this study can be shown in the viewer: it holds no images, reports or PDF documents. Its objects are listed below; download them to open
          them with software that reads them.
        </p>
      )}
      <Details study={study} />
      <h2>Series</h2>
      <SeriesList study={study} />
      {nonImage.length > 0 && (
        <>
          <h2>Reports, documents and other objects</h2>
          <NonImageSeriesList studyInstanceUID={study.StudyInstanceUID} entries={nonImage} />
        </>
      )}
    </>
  );
}

export default function StudyPage() {
  return (
    <Suspense>
      <RequireAccount>
        {({ user }) => (
          <section>
            <p>
              <Link href="/studies/">← All studies</Link>
            </p>
            <StudyView user={user} />
          </section>
        )}
      </RequireAccount>
    </Suspense>
  );
}
