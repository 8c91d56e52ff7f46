/** dcmjs publishes no types; only the data dictionary is used here. */
declare module "dcmjs" {
  export const data: { DicomMetaDictionary: { dictionary: Record<string, { vr?: string; name?: string } | undefined> } };
}
