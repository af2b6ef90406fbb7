/**
 * The handout's `npm run check`: one public check on the student's own files, shown in full. It
 * runs every replay line a student is shown (by `npm test`, the feedback page, the graded feedback
 * on Gradescope), which all take the form `handoutCheckCommand` writes.
 */
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import type { ExerciseId } from '../contract/exercises';
import { KitError } from '../errors';
import { printable } from '../output/printable';
import { shouldUseColor } from '../report/console';
import { compareRows } from '../report/inputs';
import { describeCounterexample } from '../report/student-view';
import { formatPoints, formatSmall } from '../report/text';
import type { CheckResult } from '../results/model';
import { checkOnce, type CheckedOnce } from './grade-exercise';
import { loadKitSummary, loadManifest } from './kit-data';
import { kitPaths, type KitPaths } from './layout';
import { typeCheckHandout, typeCheckReport } from './type-check';

const USAGE = 'npm run check -- --check <id> [--seed <n>] [--path "<path>"]';

/** The exit codes of `npm run check`, as the kit's own commands use them. */
export const CHECK_EXIT = { PASSED: 0, FAILED: 1, USAGE: 2 } as const;

interface CheckCommandOptions {
  readonly paths?: KitPaths;
  readonly write?: (text: string) => void;
  readonly color?: boolean;
}

/** Runs `npm run check` with its arguments; resolves to the exit code. */
export async function checkCommand(argv: readonly string[], options: CheckCommandOptions = {}): Promise<number> {
  const paths = options.paths ?? kitPaths();
  const write = options.write ?? ((text: string) => process.stdout.write(text));
  const c = pc.createColors(options.color ?? shouldUseColor(process.stdout));
  let request: { check?: string; seed?: number; path?: string };
  try {
    request = parseRequest(argv);
  } catch (error) {
    if (!(error instanceof KitError)) throw error;
    write(`${error.message}\n\nUsage: ${USAGE}\n`);
    return CHECK_EXIT.USAGE;
  }
  const publicChecks = listPublicChecks(paths);
  if (!request.check) {
    write(
      `Usage: ${USAGE}\nRuns one public check on your own files and shows it in full. A replay line of npm test or of your graded feedback is such a command.\n\nThe public checks:\n${publicChecks.map((p) => `  ${p.id.padEnd(Math.max(...publicChecks.map((q) => q.id.length)))}  ${p.title}`).join('\n')}\n`,
    );
    return CHECK_EXIT.PASSED;
  }
  const found = publicChecks.find((p) => p.id === request.check);
  if (!found) {
    write(
      `${printable(request.check)} is not a public check of this handout. Hidden checks run only when your work is graded; \`npm run check\` lists the public ones.\n`,
    );
    return CHECK_EXIT.USAGE;
  }
  const typeCheck = typeCheckHandout(paths.root);
  const typeErrors = typeCheck.byExercise[found.exercise];
  if (typeErrors?.length || typeCheck.unavailable) write(typeCheckReport(typeCheck));
  const checked = await checkOnce(found.exercise, found.id, {
    root: paths.root,
    manifestDir: paths.manifests,
    studentId: paths.studentId,
    typeErrors,
    seed: request.seed,
    path: request.path,
  });
  write(`${renderChecked(checked, c)}\n`);
  return checked.check.status === 'pass' ? CHECK_EXIT.PASSED : CHECK_EXIT.FAILED;
}

function parseRequest(argv: readonly string[]): { check?: string; seed?: number; path?: string } {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { check: { type: 'string' }, seed: { type: 'string' }, path: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new KitError('usage', `npm run check: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length)
    throw new KitError(
      'usage',
      `npm run check in the handout checks your own files, so it takes no folder: drop ${positionals.map((p) => `"${printable(p)}"`).join(' ')}`,
    );
  if (values.path !== undefined && !values.check)
    throw new KitError('usage', '--path replays one case: name its check with --check too');
  let seed: number | undefined;
  if (values.seed !== undefined) {
    seed = Number(values.seed);
    if (!/^-?\d+$/.test(values.seed) || !Number.isSafeInteger(seed))
      throw new KitError(
        'usage',
        `--seed takes a whole number, as the replay line gives it (got "${printable(values.seed)}")`,
      );
  }
  return { check: values.check, seed, path: values.path };
}

function listPublicChecks(paths: KitPaths): { id: string; title: string; exercise: ExerciseId }[] {
  return loadKitSummary(paths.manifests).exercises.flatMap(({ exercise }) =>
    loadManifest(paths.manifests, exercise).checks.map((check) => ({ id: check.id, title: check.title, exercise })),
  );
}

/** One check in full: its verdict and points, why it failed, the input, expected against yours, the mistake when named. */
function renderChecked({ check, exercise, note, runSeed }: CheckedOnce, c: ReturnType<typeof pc.createColors>): string {
  const passed = check.status === 'pass';
  const verdict = passed
    ? c.green('passed')
    : c.red(check.status === 'not-implemented' ? 'not implemented yet' : 'failed');
  const lines = [
    `${c.bold(`${check.exercise} › ${printable(check.title)}`)}: ${verdict} (${formatPoints(check.points)}/${formatPoints(check.maxPoints)} points)`,
  ];
  if (note) lines.push(`  ${c.dim(note)}`);
  if (!passed) {
    lines.push(...indented(check.message));
    const input = describeCounterexample(check);
    if (input) lines.push(`  ${c.dim('input:')} ${printable(input)}`);
    for (const row of compareRows(check.expected, check.actual))
      lines.push(
        `  ${c.dim(`${row.field}:`)} expected ${printable(row.expected)}, yours ${printable(row.actual)}${row.difference ? ` (difference ${printable(row.difference)})` : ''}`,
      );
    if (check.tolerance !== undefined)
      lines.push(
        `  ${c.dim('tolerance:')} ${formatSmall(check.tolerance)}${check.observedError === undefined ? '' : `, observed error ${formatSmall(check.observedError)}`}`,
      );
    if (exercise.diagnosis)
      lines.push(`  ${c.yellow(`Likely mistake: ${exercise.diagnosis.name}.`)} ${printable(exercise.diagnosis.hint)}`);
    else if (exercise.rootCause) lines.push(...indented(exercise.rootCause.message));
  }
  lines.push(`  ${c.dim(runLine(check, runSeed))}`);
  return lines.join('\n');
}

function runLine(check: CheckResult, runSeed: number): string {
  return `seed ${runSeed}${check.path === undefined ? '' : ` · path "${check.path}"`} · ${check.runs} ${check.runs === 1 ? 'input' : 'inputs'} tried`;
}

function indented(text: string): string[] {
  return printable(text, { keepNewlines: true })
    .split('\n')
    .map((line) => `  ${line}`);
}

/** `exercises/_kit/check.js`: the command's entry, with its exit code. */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  checkCommand(argv).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `npm run check could not run: ${error instanceof Error ? error.message : String(error)}\nIf you did not change exercises/_kit, please tell your instructor.\n`,
      );
      process.exitCode = 70;
    },
  );
}
