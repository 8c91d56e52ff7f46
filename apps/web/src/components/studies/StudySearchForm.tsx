"use client";
/**
 * The study list's search box and filters. It holds what the user typed or
 * picked; the page turns that into a query (lib/study-query.ts).
 */
import { effectiveSort, FILTER_MODALITIES, STUDY_SORTS, type FilterModality, type StudySort } from "@/lib/study-query";

/** The form's values as the inputs hold them (dates as `YYYY-MM-DD`). */
export interface StudySearchValues {
  text: string;
  modality: FilterModality | "";
  from: string;
  to: string;
  sort: StudySort;
}

export const EMPTY_SEARCH: StudySearchValues = { text: "", modality: "", from: "", to: "", sort: "updated" };

export function StudySearchForm({ values, onChange }: { values: StudySearchValues; onChange: (values: StudySearchValues) => void }) {
  const set = <K extends keyof StudySearchValues>(key: K, value: StudySearchValues[K]) => onChange({ ...values, [key]: value });
  const hasRange = Boolean(values.from || values.to);
  const backwards = Boolean(values.from && values.to && values.from > values.to);
  return (
    <form role="search" aria-label="Find studies" className="study-filters" onSubmit={(event) => event.preventDefault()}>
      <div className="field search-field">
        <label htmlFor="study-search">Search</label>
        <input
          id="study-search"
          type="search"
          value={values.text}
          placeholder="Patient name or ID, accession, description"
          autoComplete="off"
          spellCheck={false}
          onChange={(event) => set("text", event.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="study-modality">Modality</label>
        <select id="study-modality" value={values.modality} onChange={(event) => set("modality", event.target.value as FilterModality | "")}>
          <option value="">Any</option>
          {FILTER_MODALITIES.map((modality) => (
            <option key={modality} value={modality}>
              {modality}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="study-from">Study date from</label>
        <input id="study-from" type="date" value={values.from} max={values.to || undefined} onChange={(event) => set("from", event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="study-to">to</label>
        <input id="study-to" type="date" value={values.to} min={values.from || undefined} aria-invalid={backwards || undefined} onChange={(event) => set("to", event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="study-sort">Sort</label>
        <select id="study-sort" value={effectiveSort(values)} onChange={(event) => set("sort", event.target.value as StudySort)}>
          {(Object.keys(STUDY_SORTS) as StudySort[]).map((sort) => (
            // Firestore orders a date-range query by date first, so a range rules out the other order.
            <option key={sort} value={sort} disabled={hasRange && sort === "updated"}>
              {STUDY_SORTS[sort]}
            </option>
          ))}
        </select>
      </div>
      {backwards ? (
        <p role="alert" className="field-error full-row">
          The start date is after the end date, so no study can match.
        </p>
      ) : null}
    </form>
  );
}
