import { buildStowResponse, describeWarning, failureReasonFor, STOW_REASON, type StowPartOutcome } from "./build-stow-response";

const BASE = "https://pacs.example/dicomweb";
const CT = "1.2.840.10008.5.1.4.1.1.2";

function instance(sop: string, study = "1.2.3") {
  return { StudyInstanceUID: study, SeriesInstanceUID: "1.2.3.4", SOPInstanceUID: sop, SOPClassUID: CT };
}

function sequence(body: Record<string, unknown>, tag: string): Record<string, { Value?: unknown[] }>[] {
  return ((body[tag] as { Value?: unknown[] } | undefined)?.Value ?? []) as Record<string, { Value?: unknown[] }>[];
}

describe("buildStowResponse", () => {
  it("answers 200 with each stored instance's RetrieveURL and the study's", () => {
    const answer = buildStowResponse(
      [
        { name: "STOW-RS part 1", verdict: "stored", instance: instance("1.2.3.4.1") },
        { name: "STOW-RS part 2", verdict: "stored", instance: instance("1.2.3.4.2") },
      ],
      BASE,
    );
    expect(answer.status).toBe(200);
    expect(answer.warnings).toEqual([]);
    expect(answer.body["00081190"]).toEqual({ vr: "UR", Value: [`${BASE}/studies/1.2.3`] });
    expect(answer.body["00081198"]).toBeUndefined();
    const referenced = sequence(answer.body, "00081199");
    expect(referenced).toHaveLength(2);
    expect(referenced[0]).toEqual({
      "00081150": { vr: "UI", Value: [CT] },
      "00081155": { vr: "UI", Value: ["1.2.3.4.1"] },
      "00081190": { vr: "UR", Value: [`${BASE}/studies/1.2.3/series/1.2.3.4/instances/1.2.3.4.1`] },
    });
  });

  it("answers 202 when some parts failed: a readable instance in FailedSOPSequence, a part that is not DICOM in OtherFailuresSequence", () => {
    const outcomes: StowPartOutcome[] = [
      { name: "STOW-RS part 1", verdict: "stored", instance: instance("1.2.3.4.1") },
      { name: "STOW-RS part 2", verdict: "skipped", reason: "not-dicom", detail: "the part is image/jpeg, not application/dicom" },
      { name: "STOW-RS part 3", verdict: "failed", reason: "quota", detail: "over your storage quota", instance: instance("1.2.3.4.3") },
    ];
    const answer = buildStowResponse(outcomes, BASE);
    expect(answer.status).toBe(202);
    expect(sequence(answer.body, "00081199")).toHaveLength(1);
    expect(sequence(answer.body, "00081198")).toEqual([
      { "00081150": { vr: "UI", Value: [CT] }, "00081155": { vr: "UI", Value: ["1.2.3.4.3"] }, "00081197": { vr: "US", Value: [0xa700] } },
    ]);
    expect(sequence(answer.body, "0008119A")).toEqual([{ "00081197": { vr: "US", Value: [0xc000] } }]);
    expect(answer.warnings).toEqual(['299 - "C000 STOW-RS part 2: the part is image/jpeg, not application/dicom"', '299 - "A700 STOW-RS part 3: over your storage quota"']);
  });

  it("references a duplicate with a warning, so that a gateway's retry succeeds, and answers 202", () => {
    const answer = buildStowResponse([{ name: "STOW-RS part 1", verdict: "duplicate", instance: instance("1.2.3.4.1") }], BASE);
    expect(answer.status).toBe(202);
    expect(sequence(answer.body, "00081199")[0]!["00081196"]).toEqual({ vr: "US", Value: [STOW_REASON.duplicate] });
    expect(answer.warnings[0]).toMatch(/^299 - "0111 STOW-RS part 1: already in this archive/);
  });

  it("answers 409 when nothing was stored, with the study-mismatch code and the requested study's URL", () => {
    const answer = buildStowResponse(
      [{ name: "STOW-RS part 1", verdict: "failed", reason: "invalid-metadata", detail: "another study", studyMismatch: true, instance: instance("1.2.9.1", "1.2.9") }],
      BASE,
      "1.2.3",
    );
    expect(answer.status).toBe(409);
    expect(answer.body["00081199"]).toEqual({ vr: "SQ" });
    expect(answer.body["00081190"]).toEqual({ vr: "UR", Value: [`${BASE}/studies/1.2.3`] });
    expect(sequence(answer.body, "00081198")[0]!["00081197"]).toEqual({ vr: "US", Value: [STOW_REASON.studyMismatch] });
  });

  it("gives an image sent through a viewer session's save root (reports only) 0122, SOP class not supported", () => {
    const answer = buildStowResponse(
      [{ name: "STOW-RS part 1", verdict: "failed", reason: "invalid-metadata", detail: "reports only", notAReport: true, instance: instance("1.2.3.9", "1.2.3") }],
      BASE,
      "1.2.3",
    );
    expect(answer.status).toBe(409);
    expect(sequence(answer.body, "00081198")[0]!["00081197"]).toEqual({ vr: "US", Value: [STOW_REASON.sopClassNotSupported] });
  });

  it("leaves the study RetrieveURL empty when the instances went to several studies", () => {
    const answer = buildStowResponse(
      [
        { name: "STOW-RS part 1", verdict: "stored", instance: instance("1.2.3.4.1", "1.2.3") },
        { name: "STOW-RS part 2", verdict: "stored", instance: instance("1.2.4.4.1", "1.2.4") },
      ],
      BASE,
    );
    expect(answer.body["00081190"]).toEqual({ vr: "UR" });
  });
});

describe("failureReasonFor", () => {
  it("maps ingest's reasons to the standard's codes", () => {
    expect(failureReasonFor("quota")).toBe(0xa700);
    expect(failureReasonFor("not-dicom")).toBe(0xc000);
    expect(failureReasonFor("unreadable")).toBe(0xc000);
    expect(failureReasonFor("dicomdir")).toBe(0x0122);
    expect(failureReasonFor("ingest-crashed")).toBe(0x0110);
  });
});

describe("describeWarning", () => {
  it("keeps the header ASCII and its quotes balanced", () => {
    expect(describeWarning(0xa700, "part 1", 'over quota — "5 GB" left')).toBe('299 - "A700 part 1: over quota ? \'5 GB\' left"');
  });
});
