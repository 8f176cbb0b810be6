/** What went wrong, as a code the CLI maps to an exit status and a one-line message. */
export type CliErrorCode =
  'usage' | 'not_found' | 'bad_input' | 'empty_input' | 'interrupted' | 'internal';

const EXIT_CODES: Record<CliErrorCode, number> = {
  usage: 2,
  not_found: 3,
  bad_input: 4,
  empty_input: 5,
  // As a shell reports a process ended by Ctrl-C (128 + SIGINT).
  interrupted: 130,
  internal: 1,
};

/** An expected failure: its message is shown to the user as is, without a stack trace. */
export class CliError extends Error {
  readonly code: CliErrorCode;

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.code = code;
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }
}
