import { isPrintable } from '../output/printable';

/**
 * What a replay command (`CheckResult.replay`) says in place of the submission folder. A grading
 * result holds no path of the grader's disk, so the same submission graded from two folders gives
 * the same result; each report puts in the folder its reader runs the command on
 * (`replayCommandFor`).
 */
export const SUBMISSION_PLACEHOLDER = '<submission>';

/**
 * The replay command of a check, to rerun exactly its failing case: the run's seed (each check
 * derives its own from it), fast-check's path, and the world it ran in when not the student's own.
 */
export function replayCommandOf(
  checkId: string,
  runSeed: number,
  options: { readonly path?: string; readonly world?: string } = {},
): string {
  const path = options.path === undefined ? '' : ` --path "${options.path}"`;
  const world = options.world === undefined ? '' : ` --world ${options.world}`;
  return `npm run check -- ${SUBMISSION_PLACEHOLDER} --check ${checkId} --seed ${runSeed}${path}${world}`;
}

/**
 * A replay command that runs as printed: the placeholder replaced by `submissionPath`, quoted for a
 * POSIX shell (bash, zsh, sh) whatever the folder's name holds.
 */
export function replayCommandFor(replay: string, submissionPath: string): string {
  return replay.replace(SUBMISSION_PLACEHOLDER, () => shellQuote(submissionPath));
}

/**
 * One shell word that means exactly `value`: as it is when it holds only characters no shell reads
 * specially; in single quotes otherwise; and, when it holds a control or invisible character, in
 * bash's and zsh's `$'…'` with every such character escaped, so that the printed command shows
 * what it runs and stays one line.
 */
export function shellQuote(value: string): string {
  if (/^[\w@%+=:,./-]+$/.test(value)) return value;
  if (isPrintable(value)) return `'${value.replace(/'/g, `'\\''`)}'`;
  let quoted = '';
  for (const character of value) {
    const code = character.codePointAt(0)!;
    quoted +=
      character === '\\' || character === "'"
        ? `\\${character}`
        : isPrintable(character)
          ? character
          : code < 0x80
            ? `\\x${code.toString(16).padStart(2, '0')}`
            : code <= 0xffff
              ? `\\u${code.toString(16).padStart(4, '0')}`
              : `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return `$'${quoted}'`;
}
