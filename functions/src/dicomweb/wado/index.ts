import type { Router } from "express";
import type { DicomwebDeps } from "../dicomweb-deps";

/** WADO-RS routes (docs/dicomweb.md). STUB: filled in by the WADO-RS work. */
export function registerWado(_router: Router, _deps: DicomwebDeps): void {}
