/**
 * Bad input from the user: a malformed file, an unknown name, a bad flag. The CLI prints the message as one line
 * on stderr and exits with code 2. Messages name the file (or flag) and the field, e.g.
 * `search-spaces/x.json: $.params.lr.low: expected a number`.
 */
export class InputError extends Error {
  readonly exitCode = 2;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/**
 * A run that stopped for a reason one line says in full: a search whose trials keep failing, a locked database, a
 * database server unreachable past the reconnect deadline. Not a bug, so the CLI prints the message without a
 * stack trace and exits with code 1.
 */
export class StoppedError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'StoppedError';
  }
}
