// The 10,000 small studies both archives are searched in: the same patient
// names, IDs, dates and descriptions for Firestore records and for Orthanc's
// one-instance DICOM studies, so both searches match the same studies.

const FAMILY = [
  "FISCHER", "MUELLER", "SCHMIDT", "WAGNER", "BECKER", "HOFFMANN", "SCHULZ", "KOCH", "RICHTER", "KLEIN",
  "WOLF", "NEUMANN", "SCHWARZ", "ZIMMERMANN", "BRAUN", "HARTMANN", "KRUEGER", "LANGE", "WERNER", "LEHMANN",
  "MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON",
  "ROSSI", "RUSSO", "FERRARI", "ESPOSITO", "BIANCHI", "ROMANO", "COLOMBO", "RICCI", "MARINO", "GRECO",
  "GARCIA", "LOPEZ", "MARTINEZ", "SANCHEZ", "PEREZ", "GOMEZ", "DIAZ", "MORENO", "ALVAREZ", "ROMERO",
];
const GIVEN = ["ANNA", "BEN", "CLARA", "DAVID", "ELENA", "JONAS", "LENA", "LUCA", "MAJA", "NOAH", "PAUL", "SARA", "TOM", "VERA", "YUSUF"];
const DESCRIPTIONS = ["CT HEAD WO CONTRAST", "CT CHEST W CONTRAST", "CT ABDOMEN PELVIS", "CT ANGIO NECK", "CT SPINE LUMBAR"];

/** The search every run times: a patient-name prefix matching one family name in fifty (~200 of 10,000 studies). */
export const SEARCH_PREFIX = "FISCH";

/** A UID root of the repo's test range, unique per run so that records never collide with real ones. */
export function buildStudyUidRoot(stamp = Date.now()) {
  return `1.2.826.0.1.3680043.10.1.9.${stamp}.7`;
}

/** The DICOM attributes of the i-th (0-based) seeded study. */
export function describeSeedStudy(uidRoot, i) {
  const day = new Date(Date.UTC(2015, 0, 1) + (i % 3650) * 86_400_000);
  return {
    StudyInstanceUID: `${uidRoot}.${i + 1}`,
    SeriesInstanceUID: `${uidRoot}.${i + 1}.1`,
    SOPInstanceUID: `${uidRoot}.${i + 1}.1.1`,
    PatientName: `${FAMILY[i % FAMILY.length]}^${GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length]}`,
    PatientID: `BENCH${String(i + 1).padStart(6, "0")}`,
    StudyDate: day.toISOString().slice(0, 10).replaceAll("-", ""),
    StudyTime: "101500",
    AccessionNumber: `ACC${String(i + 1).padStart(7, "0")}`,
    StudyDescription: DESCRIPTIONS[i % DESCRIPTIONS.length],
    Modality: "CT",
  };
}

/** How many of `count` seeded studies the prefix search matches (for the report). */
export function countPrefixMatches(count, prefix = SEARCH_PREFIX) {
  let matches = 0;
  for (let i = 0; i < count; i += 1) if (FAMILY[i % FAMILY.length].startsWith(prefix)) matches += 1;
  return matches;
}
