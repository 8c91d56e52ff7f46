/** Why a file cannot be de-identified, in words for the owner. */
export class DeidentificationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(`de-identification: ${message}`, options);
    this.name = "DeidentificationError";
  }
}
