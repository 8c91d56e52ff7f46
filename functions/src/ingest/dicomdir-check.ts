import { normaliseForDicomdirMatch, readDicomdirReferences, resolveDicomdirPath } from "./dicomdir";

/** A file a DICOMDIR lists that the upload did not contain. */
export interface MissingReference {
  file: string;
  detail: string;
}

interface FoundDicomdir {
  name: string;
  /** Paths the DICOMDIR lists, resolved against its own folder, as uploaded names. */
  references: string[];
}

/**
 * A DICOMDIR is not an image but a table of contents: it says what a CD or
 * folder should hold. Every file that arrives is noted; at the end, files the
 * DICOMDIR lists that never arrived are reported, so that a partial copy of a
 * CD is noticed rather than silently archived as complete.
 */
export class DicomdirCheck {
  private readonly present = new Set<string>();
  private readonly found: FoundDicomdir[] = [];

  notePresent(name: string): void {
    this.present.add(normaliseForDicomdirMatch(name));
  }

  addDicomdir(name: string, bytes: Uint8Array): void {
    try {
      const references = readDicomdirReferences(bytes, name).map((reference) => resolveDicomdirPath(name, reference.path));
      this.found.push({ name, references });
    } catch {
      // An unreadable DICOMDIR is already reported as a skipped file; it just cannot vouch for anything.
    }
  }

  /**
   * DICOMDIRs that came with their files (inside an archive) are checked
   * here. A DICOMDIR uploaded as a loose file of a folder is checked when the
   * whole batch is in (see {@link deferredReferences}).
   */
  missingWithin(): MissingReference[] {
    if (this.present.size <= 1) return [];
    return this.found.flatMap((dicomdir) => findMissing(dicomdir.name, dicomdir.references, this.present));
  }

  /** References of a DICOMDIR that was the whole uploaded file, for the batch-level check. */
  deferredReferences(): string[] | null {
    if (this.present.size !== 1 || this.found.length !== 1) return null;
    return this.found[0]!.references;
  }
}

export function findMissing(dicomdirName: string, references: string[], present: Set<string>): MissingReference[] {
  return references
    .filter((reference) => !present.has(normaliseForDicomdirMatch(reference)))
    .map((reference) => ({
      file: reference,
      detail: `listed in ${dicomdirName} but not in the upload: the copy of the disc or folder looks incomplete`,
    }));
}
