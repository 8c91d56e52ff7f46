import type { Router } from "express";
import type { DicomwebDeps } from "../dicomweb-deps";

/** QIDO-RS routes (docs/dicomweb.md). STUB: filled in by the QIDO-RS work. */
export function registerQido(_router: Router, _deps: DicomwebDeps): void {}
