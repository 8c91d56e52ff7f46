import type { StudySummary } from "@pacs/shared";
import { formatDicomDate, formatPersonName, formatQuantity } from "./format";

/** One line naming a study the way a reader recognises it: "Doe, Jane · CT HEAD · 2024-01-31 · 2 series, 6 images". */
export function describeStudy(study: StudySummary): string {
  const { PatientName, StudyDescription, StudyDate, NumberOfStudyRelatedSeries, NumberOfStudyRelatedInstances } = study;
  return [
    formatPersonName(PatientName) || "Unnamed patient",
    StudyDescription,
    formatDicomDate(StudyDate),
    `${formatQuantity(NumberOfStudyRelatedSeries, "series", "series")}, ${formatQuantity(NumberOfStudyRelatedInstances, "image")}`,
  ]
    .filter(Boolean)
    .join(" · ");
}
