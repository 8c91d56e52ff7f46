/** Every failure of the viewer build step; the message says what to do. */
export class OhifFetchError extends Error {
  constructor(message, options) {
    super(`fetch-ohif: ${message}`, options);
    this.name = "OhifFetchError";
  }
}
