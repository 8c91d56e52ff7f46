import { downloadFileName } from "./download-study";

it("names the ZIP after patient, date and study, safely", () => {
  expect(downloadFileName({ PatientID: "PID-1", StudyDate: "20240131", StudyInstanceUID: "1.2.826.0.1.3680043.10.1.1" })).toBe("PID-1_20240131_1.1.zip");
  expect(downloadFileName({ PatientID: "../etc/pass wd", StudyDate: undefined, StudyInstanceUID: "1.2.3" })).toBe(".._etc_pass_wd_2.3.zip");
  expect(downloadFileName({ PatientID: "", StudyDate: undefined, StudyInstanceUID: "7" })).toBe("7.zip");
});
