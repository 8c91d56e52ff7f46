import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parseQidoQuery } from "./qido-query";
import { INDEXED_MODALITIES, planStudyCandidates, type CandidatePlan } from "./study-candidates";

const plan = (query: string) => planStudyCandidates(parseQidoQuery(new URLSearchParams(query), "series").keys);
const NEWEST_FIRST = [{ field: "updatedAt", direction: "desc" }];

it("gets studies by their UIDs directly, whatever else is asked", () => {
  expect(plan("StudyInstanceUID=1.2,1.3\\1.4&PatientName=Doe")).toEqual({ kind: "get", studyUIDs: ["1.2", "1.3", "1.4"] });
});

it("looks up the longest folded word of a name, ID or accession's literal start in searchTerms", () => {
  expect(plan("PatientName=Müller^Hans*")).toEqual({ kind: "query", where: [{ field: "searchTerms", op: "array-contains", value: "muller" }], orderBy: NEWEST_FIRST });
  expect(plan("PatientID=PID-A?")).toMatchObject({ where: [{ field: "searchTerms", value: "pid-a" }] });
  expect(plan("AccessionNumber=acc*&ModalitiesInStudy=CT")).toMatchObject({ where: [{ field: "searchTerms", value: "acc" }] });
});

it("does not use searchTerms for a value that starts with a wild card, nor for a description", () => {
  expect(plan("PatientName=*oe")).toEqual({ kind: "query", where: [], orderBy: NEWEST_FIRST });
  expect(plan("StudyDescription=Knee")).toEqual({ kind: "query", where: [], orderBy: NEWEST_FIRST });
});

it("asks for one day by study date before a modality, and a range after it", () => {
  const oneDay = [{ field: "studyDateKey", op: ">=", value: "20240131" }, { field: "studyDateKey", op: "<=", value: "20240131" }];
  expect(plan("StudyDate=20240131&ModalitiesInStudy=CT")).toEqual({ kind: "query", where: oneDay, orderBy: [{ field: "studyDateKey", direction: "desc" }] });
  expect(plan("StudyDate=20200101-&ModalitiesInStudy=MR")).toEqual({ kind: "query", where: [{ field: "modalities.MR", op: "==", value: true }], orderBy: NEWEST_FIRST });
  expect(plan("StudyDate=-20201231")).toEqual({ kind: "query", where: [{ field: "studyDateKey", op: "<=", value: "20201231" }], orderBy: [{ field: "studyDateKey", direction: "desc" }] });
});

it("uses a modality equality only for a single indexed modality", () => {
  expect(plan("Modality=CT")).toMatchObject({ where: [{ field: "modalities.CT", op: "==", value: true }] });
  expect(plan("Modality=SEG")).toEqual({ kind: "query", where: [], orderBy: NEWEST_FIRST });
  expect(plan("ModalitiesInStudy=CT\\MR")).toEqual({ kind: "query", where: [], orderBy: NEWEST_FIRST });
});

it("ignores universal matching keys", () => {
  expect(plan("PatientName=&StudyDate=")).toEqual({ kind: "query", where: [], orderBy: NEWEST_FIRST });
});

describe("firestore.indexes.json", () => {
  type Field = { fieldPath: string; order?: string; arrayConfig?: string };
  const declared = (JSON.parse(readFileSync(join(__dirname, "../../../../firestore.indexes.json"), "utf8")).indexes as Array<{ collectionGroup: string; queryScope: string; fields: Field[] }>)
    .filter((index) => index.collectionGroup === "studies" && index.queryScope === "COLLECTION")
    .map((index) => index.fields.map((f) => `${f.fieldPath} ${f.arrayConfig ?? f.order}`).join(", "));

  /** The composite index a plan needs, or null when Firestore's automatic single-field index serves it. */
  function requiredIndex(candidatePlan: CandidatePlan): string | null {
    if (candidatePlan.kind === "get") return null;
    const fields = new Set([...candidatePlan.where.map((w) => w.field), ...candidatePlan.orderBy.map((o) => o.field)]);
    if (fields.size <= 1) return null;
    const equalities = candidatePlan.where.filter((w) => w.op === "==" || w.op === "array-contains").map((w) => `${w.field} ${w.op === "==" ? "ASCENDING" : "CONTAINS"}`);
    return [...equalities, ...candidatePlan.orderBy.map((o) => `${o.field} ${o.direction === "asc" ? "ASCENDING" : "DESCENDING"}`)].join(", ");
  }

  it("has an index for every query shape the planner makes", () => {
    const shapes = [
      "PatientName=doe",
      "StudyDate=20240101",
      "StudyDate=20240101-20241231",
      "StudyDate=20240101-",
      "",
      ...[...INDEXED_MODALITIES].map((m) => `Modality=${m}`),
    ];
    for (const shape of shapes) {
      const required = requiredIndex(plan(shape));
      if (required) expect({ shape, index: declared.find((index) => index === required) }).toEqual({ shape, index: required });
    }
  });
});
