import { DEIDENTIFICATION_OPTION_KEYS, type DeidentificationCheck } from "@pacs/shared";
import {
  announceCopyState,
  buildDeidentificationRequest,
  DEIDENTIFICATION_OPTION_CHOICES,
  describeBurnedInSeries,
  describeProgress,
  EMPTY_DEIDENTIFICATION_FORM,
  type DeidentificationForm,
} from "./deidentification-form";

const form = (changes: Partial<DeidentificationForm>): DeidentificationForm => ({ ...EMPTY_DEIDENTIFICATION_FORM, ...changes });
const ultrasound = { SeriesInstanceUID: "1.2.3.4", SeriesNumber: 3, SeriesDescription: "Abdomen", Modality: "US", instances: 12, reason: "ultrasound images often carry burned-in text" };
const check = (instances: number, burnedIn = [ultrasound]): DeidentificationCheck => ({ instances, burnedInText: burnedIn });

describe("buildDeidentificationRequest", () => {
  it("starts from the schema's defaults: a pseudonym, only modified dates kept, burned-in series left out", () => {
    expect(buildDeidentificationRequest(EMPTY_DEIDENTIFICATION_FORM, null)).toEqual({
      request: {
        pseudonym: "Case 1",
        options: { retainLongitudinalModifiedDates: true, retainPatientCharacteristics: false, retainDeviceIdentity: false, cleanDescriptors: false, retainSafePrivate: false },
        includeBurnedInText: false,
      },
    });
  });

  it("sends the owner's pseudonym, trimmed, the options they ticked, and their acknowledgement", () => {
    const options = { ...EMPTY_DEIDENTIFICATION_FORM.options, retainLongitudinalModifiedDates: false, retainDeviceIdentity: true };
    const { request } = buildDeidentificationRequest(form({ pseudonym: "  Case 12 ", options, includeBurnedInText: true }), check(20));
    expect(request).toEqual({ pseudonym: "Case 12", options, includeBurnedInText: true });
  });

  it("says what is wrong with a pseudonym, in the shared schema's words", () => {
    expect(buildDeidentificationRequest(form({ pseudonym: "  " }), null).errors).toEqual({ pseudonym: 'Enter a pseudonym, for example "Case 12".' });
    expect(buildDeidentificationRequest(form({ pseudonym: "x".repeat(65) }), null).errors?.pseudonym).toMatch(/at most 64/);
    expect(buildDeidentificationRequest(form({ pseudonym: "Case\\12" }), null).errors?.pseudonym).toMatch(/no backslash/);
    expect(buildDeidentificationRequest(form({ pseudonym: "Café" }), null).errors?.pseudonym).toMatch(/letters, digits/);
  });

  it("refuses a form that would leave every image out, unless the owner includes them", () => {
    expect(buildDeidentificationRequest(form({}), check(12)).errors?.includeBurnedInText).toMatch(/Every image of this study may carry burned-in text/);
    expect(buildDeidentificationRequest(form({ includeBurnedInText: true }), check(12)).request?.includeBurnedInText).toBe(true);
    // Some images remain: the others are left out, which the dialog lists.
    expect(buildDeidentificationRequest(form({}), check(13)).request?.includeBurnedInText).toBe(false);
    // No check answer (loading or failed): nothing is known, the server decides.
    expect(buildDeidentificationRequest(form({}), null).request).toBeDefined();
  });
});

it("explains every option of the schema, in the schema's order", () => {
  expect(DEIDENTIFICATION_OPTION_CHOICES.map((choice) => choice.key)).toEqual([...DEIDENTIFICATION_OPTION_KEYS]);
  for (const choice of DEIDENTIFICATION_OPTION_CHOICES) {
    expect(choice.label).not.toBe("");
    expect(choice.hint).toMatch(/\.$/);
  }
});

it("describes a series that may carry burned-in text, and a copy's progress", () => {
  expect(describeBurnedInSeries(ultrasound)).toBe("Series 3 (US, Abdomen), 12 images — ultrasound images often carry burned-in text");
  expect(describeBurnedInSeries({ SeriesInstanceUID: "1.2", Modality: "OT", instances: 1, reason: "secondary capture" })).toBe("Series (OT), 1 image — secondary capture");
  expect(describeProgress(12, 1040)).toBe("12 of 1,040 images done");
  expect(describeProgress(0, 0)).toBe("Starting…");
});

it("reads a copy's progress out in steps of 10 %, and its end", () => {
  const copy = { pseudonym: "Case 12", status: "preparing" as const, total: 1040 };
  expect(announceCopyState({ ...copy, done: 0 })).toBe("Preparing the copy for Case 12: 0% done.");
  expect(announceCopyState({ ...copy, done: 103 })).toBe("Preparing the copy for Case 12: 0% done.");
  expect(announceCopyState({ ...copy, done: 104 })).toBe("Preparing the copy for Case 12: 10% done.");
  expect(announceCopyState({ ...copy, done: 1039 })).toBe("Preparing the copy for Case 12: 90% done.");
  expect(announceCopyState({ ...copy, total: 0, done: 0 })).toBe("Preparing the copy for Case 12: 0% done.");
  expect(announceCopyState({ ...copy, status: "ready", done: 1040 })).toBe("The copy for Case 12 is ready.");
  expect(announceCopyState({ ...copy, status: "failed", done: 3 })).toBe("The copy for Case 12 could not be made.");
});
