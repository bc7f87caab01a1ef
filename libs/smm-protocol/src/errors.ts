/**
 * A request the library refuses to send (bad id, more than 100 ids, runs without interval...).
 * The client turns it into a `failed` outcome with cause `invalid_request`: nothing was sent.
 */
export class SmmRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SmmRequestError';
  }
}

/**
 * A response (or a part of one) the parser does not understand. `path` points at the offending
 * value, e.g. `[3].rate`. The parser throws it instead of guessing a default.
 */
export class SmmParseError extends Error {
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(path ? `${path}: ${problem}` : problem);
    this.name = 'SmmParseError';
  }
}
