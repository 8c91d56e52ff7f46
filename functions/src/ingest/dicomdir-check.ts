import { normaliseForDicomdirMatch, readDicomdirReferences, resolveDicomdirPath } from "./dicomdir";

/**
 * Files one DICOMDIR may list and still be checked. The largest discs list
 * tens of thousands; past this, the list costs more than the check is worth
 * (it is kept in memory and in chunk documents until the batch is in).
 */
export const MAX_DICOMDIR_REFERENCES = 250_000;
/** A listed path longer than this is no disc's: ISO 9660 paths have at most 255 characters. */
export const MAX_DICOMDIR_REFERENCE_CHARS = 1_000;

/** A file a DICOMDIR lists that the upload did not contain. */
export interface MissingReference {
  file: string;
  detail: string;
}

export interface FoundDicomdir {
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

  /**
   * Reads a DICOMDIR's list, to check at the end.
   * @returns why the upload cannot be checked against it, for the user, when it cannot.
   */
  addDicomdir(name: string, bytes: Uint8Array): string | undefined {
    let references: string[];
    try {
      references = readDicomdirReferences(bytes, name).map((reference) => resolveDicomdirPath(name, reference.path));
    } catch {
      // An unreadable DICOMDIR is already reported as a skipped file; it just cannot vouch for anything.
      return undefined;
    }
    if (references.length > MAX_DICOMDIR_REFERENCES) {
      return `it lists ${references.length} files, more than the ${MAX_DICOMDIR_REFERENCES} checked, so the upload was not checked against it`;
    }
    if (references.some((reference) => reference.length > MAX_DICOMDIR_REFERENCE_CHARS)) {
      return `it lists a path longer than ${MAX_DICOMDIR_REFERENCE_CHARS} characters, which no disc holds, so the upload was not checked against it`;
    }
    this.found.push({ name, references });
    return undefined;
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

  /** Names that arrived (normalised) and the DICOMDIRs read, for a check over several parts of one archive (fanout/). */
  describe(): { present: string[]; found: FoundDicomdir[] } {
    return { present: [...this.present], found: this.found };
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
