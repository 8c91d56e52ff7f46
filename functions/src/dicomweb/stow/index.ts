import type { Router } from "express";
import type { DicomwebDeps } from "../dicomweb-deps";

/** STOW-RS routes (docs/dicomweb.md). STUB: filled in by the STOW-RS work. */
export function registerStow(_router: Router, _deps: DicomwebDeps): void {}
