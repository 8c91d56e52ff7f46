"use client";
/**
 * The study list: one row per study, newest change first. Wide on purpose
 * (a PACS worklist shows these columns side by side); on a tablet it scrolls
 * sideways with the patient's name kept in view.
 */
import type { StudyRecord } from "@pacs/shared";
import Link from "next/link";
import { useEffect, useRef } from "react";
import { formatBytes, formatCount, formatDicomDate, formatPersonName } from "@/lib/format";
import type { StudyRow } from "@/lib/studies";
import { DeleteStudyButton } from "./DeleteStudyButton";

const COLUMNS: { key: string; label: string; numeric?: boolean; read: (study: StudyRecord) => string }[] = [
  { key: "patient-name", label: "Patient", read: (s) => formatPersonName(s.PatientName) },
  { key: "patient-id", label: "Patient ID", read: (s) => s.PatientID },
  { key: "birth-date", label: "Birth date", read: (s) => formatDicomDate(s.PatientBirthDate) },
  { key: "sex", label: "Sex", read: (s) => s.PatientSex ?? "" },
  { key: "study-date", label: "Study date", read: (s) => formatDicomDate(s.StudyDate) },
  { key: "modalities", label: "Modalities", read: (s) => s.ModalitiesInStudy.join(", ") },
  { key: "description", label: "Description", read: (s) => s.StudyDescription ?? "" },
  { key: "accession", label: "Accession", read: (s) => s.AccessionNumber ?? "" },
  { key: "series", label: "Series", numeric: true, read: (s) => formatCount(s.NumberOfStudyRelatedSeries) },
  { key: "instances", label: "Images", numeric: true, read: (s) => formatCount(s.NumberOfStudyRelatedInstances) },
  { key: "size", label: "Size", numeric: true, read: (s) => formatBytes(s.totalBytes) },
];

function StudyCells({ study }: { study: StudyRecord }) {
  return (
    <>
      {COLUMNS.map((column, index) => {
        const value = column.read(study);
        const Cell = index === 0 ? "th" : "td";
        return (
          <Cell key={column.key} scope={index === 0 ? "row" : undefined} data-column={column.key} className={column.numeric ? "numeric" : undefined}>
            {index === 0 ? (
              // No prefetch: one route payload per row, fetched while the list renders (see Header.tsx).
              <Link href={`/study/?uid=${encodeURIComponent(study.StudyInstanceUID)}`} prefetch={false} className="study-link">
                {study.thumbnail ? (
                  // A data URL rendered at ingest: nothing for next/image to optimise.
                  // eslint-disable-next-line @next/next/no-img-element
                  <img src={study.thumbnail.dataUrl} alt="" width={48} height={48} className="thumbnail" />
                ) : (
                  <span className="thumbnail" aria-hidden="true" />
                )}
                <span>{value || "(no name)"}</span>
              </Link>
            ) : (
              value || <span className="muted">—</span>
            )}
          </Cell>
        );
      })}
      <td data-column="actions">
        <DeleteStudyButton study={study} />
      </td>
    </>
  );
}

export function StudyTable({ rows, highlight }: { rows: StudyRow[]; highlight: string | null }) {
  const highlighted = useRef<HTMLTableRowElement>(null);
  const found = rows.some((row) => row.id === highlight);
  useEffect(() => {
    highlighted.current?.scrollIntoView({ block: "center" });
  }, [found]);

  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Studies table">
      <table className="studies">
        <thead>
          <tr>
            {COLUMNS.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? "numeric" : undefined}>
                {column.label}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.id}
              data-study-uid={row.id}
              ref={row.id === highlight ? highlighted : undefined}
              className={row.id === highlight ? "highlight" : undefined}
              aria-current={row.id === highlight ? "true" : undefined}
            >
              {row.study ? (
                <StudyCells study={row.study} />
              ) : (
                <td colSpan={COLUMNS.length + 1} className="error">
                  Study {row.id}: {row.error}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
