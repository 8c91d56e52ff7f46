/**
 * A refusal with a message a person can act on. The service answers it as
 * text/plain, which curl, Orthanc's log and a gateway's console all show
 * as it is.
 */
export class DicomwebError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "DicomwebError";
  }
}

/** Another user's study, or none: the same answer, so that nothing is revealed (never 403). */
export const NO_SUCH_STUDY = "There is no such study in this archive.";
