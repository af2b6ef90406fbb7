import { CommanderError, type OutputConfiguration } from 'commander';
import { closeSubmissionPorts } from '../sandbox/open-port';
import { KitError } from '../shipped/errors';
import { printable } from '../shipped/output/printable';
import { EXIT } from './exit-codes';

const EXIT_OF_ERROR_CODE: Record<string, number> = {
  usage: EXIT.USAGE,
  'input-missing': EXIT.INPUT,
  'input-empty': EXIT.INPUT,
  'no-exercise': EXIT.INPUT,
  'assignment-invalid': EXIT.INPUT,
  'data-unreadable': EXIT.INPUT,
  'data-malformed': EXIT.INPUT,
  'output-unwritable': EXIT.OUTPUT,
  'output-inside-input': EXIT.OUTPUT,
  'output-exists': EXIT.OUTPUT,
};

/**
 * Runs a command's main function and turns its outcome into an exit code: the only place that
 * calls `process.exit`. Kit errors print their message (which names the file and the fix) and
 * nothing else; anything unexpected prints its stack, as a bug.
 */
export function runCommand(name: string, main: (argv: readonly string[]) => Promise<number>): void {
  main(process.argv.slice(2))
    .catch((error: unknown) => exitCodeOf(name, error))
    .then((code) => closeSubmissionPorts().finally(() => process.exit(code)));
}

function exitCodeOf(name: string, error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  if (error instanceof KitError && error.code === 'sandbox-interrupted') {
    process.stderr.write(`${name}: interrupted; run the same command again to finish.\n`);
    return EXIT.INTERRUPTED;
  }
  if (error instanceof KitError) {
    process.stderr.write(`${name}: ${printable(error.message, { keepNewlines: true })}\n`);
    return EXIT_OF_ERROR_CODE[error.code] ?? EXIT.INTERNAL;
  }
  process.stderr.write(
    `${name}: internal error, please report it: ${printable(error instanceof Error ? (error.stack ?? error.message) : String(error), { keepNewlines: true })}\n`,
  );
  return EXIT.INTERNAL;
}

/**
 * commander's own messages (usage errors quote the arguments, which may hold anything) written
 * printable, as every other line the commands print: pass to `.configureOutput()`.
 */
export const PRINTABLE_OUTPUT: OutputConfiguration = {
  writeOut: (text) => process.stdout.write(printable(text, { keepNewlines: true })),
  writeErr: (text) => process.stderr.write(printable(text, { keepNewlines: true })),
};

/** The `--assignment <file>` option every command that grades, hands out or bundles takes. */
export const ASSIGNMENT_OPTION = [
  '--assignment <file>',
  'the assignment: a JSON file naming its title and exercises (default: assignments/seeds.json, exercises 01–06)',
] as const;

/** Parses a numeric flag, or throws a usage error that names the flag. */
export function numberFlag(flag: string, min: number, integer = false): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < min || (integer && !Number.isInteger(n))) {
      throw new KitError(
        'usage',
        `${flag} must be ${integer ? 'a whole number' : 'a number'} ≥ ${min} (got "${value}")`,
      );
    }
    return n;
  };
}
