/** Exit codes of every kit command (documented in the README). */
export const EXIT = {
  OK: 0,
  /** `check`: the submission was graded and lost points. */
  CHECKS_FAILED: 1,
  /** A flag or argument is wrong. */
  USAGE: 2,
  /** `grade`: the batch finished, but some student folders could not be graded; every other student's results were written. */
  PARTIAL: 3,
  /** The input is unusable: a missing or empty submissions folder, no exercise in a folder, an unreadable data file. */
  INPUT: 4,
  /** The output folder cannot be used: not writable, or inside a submission. */
  OUTPUT: 5,
  /** A bug in the kit. */
  INTERNAL: 70,
  /** Interrupted (Ctrl-C); `grade` resumes from its journal when run again. */
  INTERRUPTED: 130,
} as const;
