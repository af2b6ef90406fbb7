/**
 * Every way the kit refuses to go on, by what the caller can do about it. A new refusal gets a new
 * code here; the type checker then holds every `new KitError(code, …)` to this list.
 */
export type KitErrorCode =
  /** A command-line flag or argument the command cannot take. */
  | 'usage'
  /** A folder or file named on the command line does not exist. */
  | 'input-missing'
  /** A submissions folder with no student folder in it. */
  | 'input-empty'
  /** A submission with no exercise file in it. */
  | 'no-exercise'
  /** An assignment file that cannot be read or names no valid set of exercises. */
  | 'assignment-invalid'
  /** A data file that cannot be read. */
  | 'data-unreadable'
  /** A data file whose rows are not what the kit reads. */
  | 'data-malformed'
  /** An output folder or file that cannot be written. */
  | 'output-unwritable'
  /** An output file that exists and would be overwritten without --force. */
  | 'output-exists'
  /** An output folder inside the folder being read. */
  | 'output-inside-input'
  /** The sandbox cannot start on this machine. */
  | 'sandbox-unavailable'
  /** The sandbox runner cannot be built or written. */
  | 'sandbox-runner'
  /** A call on a sandbox port that has closed. */
  | 'sandbox-closed'
  /** The grading run was interrupted (SIGINT, SIGTERM) while a sandbox call was under way. */
  | 'sandbox-interrupted'
  /** The handout's runner finds its own files changed or missing. */
  | 'kit-damaged'
  /** A known mistake's file does not compile. */
  | 'catalogue-invalid'
  /** The handout would ship something that must not reach students. */
  | 'handout-leak'
  /** A public check's inputs would not survive the handout's data files unchanged. */
  | 'handout-inputs'
  /** The handout's probe matching disagrees with the grader's diagnosis. */
  | 'handout-diagnosis'
  /** A dependency the handout needs is not in the kit's lockfile. */
  | 'handout-dependency'
  /** npm could not write the handout's package-lock.json. */
  | 'handout-lockfile';

/** The kit's one error class: a code to branch on, and a message that names the file and the fix. */
export class KitError extends Error {
  constructor(
    readonly code: KitErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'KitError';
  }
}
