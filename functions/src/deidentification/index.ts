/**
 * De-identification (issue #16, docs/deidentification.md): PS3.15 Annex E,
 * table E.1-1, with the options the owner chooses; pure, no Firebase.
 */
export { deidentifyInstance, type DeidentificationPlan, type DeidentifiedInstance } from "./deidentify-instance";
export { DeidentificationError } from "./errors";
export { remapUid } from "./remap-uid";
export { dateShiftDays } from "./date-shift";
export { findBurnedInTextReason, readBurnedInTextFields, type BurnedInTextFields } from "./burned-in-text";
