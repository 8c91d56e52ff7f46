// Published list prices (USD, beyond the free tiers) the bench multiplies its
// counted operations by. There is no internet here: each price was read on
// the date below from a stored copy of the provider's page, named in
// `source`; docs/performance.md gives the same table. Where the page for our
// region (europe-west1) was not among the stored copies, the dearer rate
// that was is used and the note says so.
export const PRICES_READ_ON = "2026-12-02";

export const PRICES = {
  firestore: {
    // Multi-region rates; the per-location table (europe-west1 is regional, cheaper) was not in any stored copy.
    readPer100k: 0.06,
    writePer100k: 0.18,
    deletePer100k: 0.02,
    source: "Cloud Firestore pricing (firebase.google.com/docs/firestore/pricing), stored copy https://www.twblogs.net/a/5e4f845fbd9eee101e8581aa; same figures in github.com/ccckmit/misavo wiki (edited 2018-05-23)",
  },
  storage: {
    classAPer1k: 0.005,
    classBPer1k: 0.0004,
    standardGbMonth: 0.02, // Belgium (europe-west1), Standard
    egressGb: 0.12,
    source: "https://cloud.google.com/storage/pricing-examples (Class A/B, egress) and a stored copy of https://cloud.google.com/storage/pricing (retrosearch.org; europe-west1 Standard $0.020)",
  },
  functions: {
    // Cloud Run functions (2nd gen) bill as Cloud Run services with CPU allocated during requests, Tier 1 (europe-west1).
    vcpuSecond: 0.000024,
    gibSecond: 0.0000025,
    perMillionInvocations: 0.4,
    source: "https://cloud.google.com/run/pricing (stored copy: $0.00002400 / vCPU-second); GiB-second and request rates from the stored cloudwebschool.com and cloudchipr.com summaries of the same page",
  },
};

/** Peers' list prices for the same work: storing instances and the requests to store and read them. */
export const PEERS = {
  healthcareApi: {
    name: "Google Cloud Healthcare API (DICOM store)",
    // $0.000027397 / GiB-hour and $0.000328767 / GiB-hour, times 730 hours.
    blobGbMonth: 0.000027397 * 730,
    structuredGbMonth: 0.000328767 * 730,
    // Standard requests after the first 25,000 a month; which DICOMweb calls count as "complex" ($0.69) was not in the stored copy.
    requestPer100k: 0.39,
    source: "https://cloud.google.com/healthcare-api/pricing (stored copy) and an archived copy of cloud.google.com/healthcare/pricing (web.archive.org 2021-02-02)",
  },
  healthImaging: {
    name: "AWS HealthImaging",
    frequentAccessGbMonth: 0.105, // US East (N. Virginia), from the page's own example; imports are free
    apiPer1k: 0.005,
    source: "https://aws.amazon.com/healthimaging/pricing/ as transcribed (read 2026-10-07) in github.com/api-evangelist/amazon-healthimaging plans/amazon-healthimaging-plans-pricing.yml; stored copy of the page: imports free, 30-day minimum, 5 MB minimum per image set",
  },
};
