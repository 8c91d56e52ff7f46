import { classifyModality, classifySopClass, NON_IMAGE_EXPLANATIONS, SOP_KINDS } from "./sop-class";
import { SOP_CLASS_REGISTRY } from "./sop-classes";

describe("classifySopClass", () => {
  it("names structured reports and says which ones OHIF's SR display reads", () => {
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.88.33")).toEqual({ kind: "sr", label: "Structured report (Comprehensive SR)", opensInViewer: true });
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.88.11").opensInViewer).toBe(true);
    // A dose report is an SR, but OHIF registers no handler for it: it would be an empty viewport.
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.88.67")).toEqual({ kind: "sr", label: "X-ray radiation dose report", opensInViewer: false });
  });

  it("covers every SR storage class of the registry", () => {
    const srClasses = [11, 22, 33, 34, 35, 40, 50, 59, 65, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77];
    for (const n of srClasses) expect(SOP_CLASS_REGISTRY.has(`1.2.840.10008.5.1.4.1.1.88.${n}`)).toBe(true);
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.88.59").label).toMatch(/key object/i);
  });

  it("shows encapsulated PDF as a document, and other encapsulated files as objects", () => {
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.104.1")).toEqual({ kind: "pdf", label: "PDF document", opensInViewer: true });
    for (const uid of ["1.2.840.10008.5.1.4.1.1.104.2", "1.2.840.10008.5.1.4.1.1.104.3", "1.2.840.10008.5.1.4.1.1.104.4", "1.2.840.10008.5.1.4.1.1.104.5"]) {
      expect(classifySopClass(uid)).toMatchObject({ kind: "other-nonimage", opensInViewer: false });
    }
  });

  it("tells RT structure sets and plans from RT images and doses", () => {
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.481.3")).toMatchObject({ kind: "rtstruct", opensInViewer: false });
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.481.5")).toMatchObject({ kind: "other-nonimage", label: "RT plan" });
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.481.2")).toMatchObject({ kind: "image", opensInViewer: true });
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.481.1").kind).toBe("image");
  });

  it("recognises waveforms, presentation states, segmentations, raw data and spectroscopy", () => {
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.9.1.1")).toEqual({ kind: "waveform", label: "Waveform: 12-lead ECG", opensInViewer: false });
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.11.1").kind).toBe("presentation-state");
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.66.4").kind).toBe("seg");
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.66")).toMatchObject({ kind: "other-nonimage", label: "Raw data" });
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.4.2")).toMatchObject({ kind: "other-nonimage", label: "MR spectroscopy" });
  });

  it("shows standard images as images even without pixel information", () => {
    expect(classifySopClass("1.2.840.10008.5.1.4.1.1.2")).toEqual({ kind: "image", label: "CT image", opensInViewer: true });
  });

  it("decides an unknown class by what the instance holds", () => {
    expect(classifySopClass("1.2.3.4.5", { Rows: 512, Columns: 512 })).toEqual({ kind: "image", label: "Image", opensInViewer: true });
    expect(classifySopClass("1.2.3.4.5", { hasPixelData: true }).kind).toBe("image");
    expect(classifySopClass("1.2.3.4.5")).toEqual({ kind: "other-nonimage", label: "DICOM object", opensInViewer: false });
    expect(classifySopClass(undefined, { Rows: 1 })).toMatchObject({ kind: "other-nonimage", label: "DICOM object" });
  });

  it("never maps a class to a kind without an explanation", () => {
    for (const { kind } of SOP_CLASS_REGISTRY.values()) expect(SOP_KINDS).toContain(kind);
    for (const kind of SOP_KINDS) if (kind !== "image") expect(NON_IMAGE_EXPLANATIONS[kind]).toMatch(/\.$/);
  });
});

describe("classifyModality", () => {
  it("guesses a series' kind from its modality for old records", () => {
    expect(classifyModality("SR")).toBe("sr");
    expect(classifyModality("DOC")).toBe("pdf");
    expect(classifyModality("RTSTRUCT")).toBe("rtstruct");
    expect(classifyModality("ECG")).toBe("waveform");
    expect(classifyModality("CT")).toBe("image");
  });
});
