import { Command } from 'commander';
import { SOLUTIONS_DIR } from '../data/paths';
import { openSubmissionPort } from '../sandbox/open-port';
import { gradeSubmission } from '../engine/grade-submission';
import { KitError } from '../shipped/errors';
import { ALL_CHECKS } from '../grading';
import { toGradescope } from '../gradescope/results-json';
import { printableJson } from '../shipped/output/printable';
import { detectLayout, notASubmissionFolder, readSubmission } from '../shipped/submission/read-submission';
import { renderConsoleSummary, shouldUseColor } from '../report';
import { EXIT } from './exit-codes';
import { ASSIGNMENT_OPTION, numberFlag, PRINTABLE_OUTPUT, runCommand } from './run-command';
import { readAssignment } from '../assignment/read-assignment';
import { exerciseRange } from '../shipped/contract/assignment';
import type { ExerciseId } from '../shipped/contract/exercises';
import type { SubmissionResult } from '../shipped/results/model';
import { replayCommandFor } from '../shipped/results/replay';

/** `npm run check -- <dir>`: grades one submission (either layout) and prints a summary, or Gradescope JSON with --json. */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('check')
    .description('Grade one submission folder: exercise folders directly, or a handout checkout with exercises/.')
    .argument('<submission>', "the student's folder")
    .option('--json', "print Gradescope's results.json instead of the summary", false)
    .option(
      '--seed <n>',
      'seed of the random checks (default: a fresh one, printed in the summary)',
      numberFlag('--seed', -(2 ** 31), true),
    )
    .option('--check <id>', 'run only this check, e.g. 02-gradient/matches-reference')
    .option('--path <path>', 'with --check: replay exactly the failing case at this fast-check path')
    .option(
      '--world <world>',
      'with --check: "isolated" runs the exercise over the reference\'s other exercises, as the replay line says',
      'student',
    )
    .option(...ASSIGNMENT_OPTION)
    .option('--no-color', 'plain text, even on a terminal')
    .configureOutput(PRINTABLE_OUTPUT)
    .exitOverride()
    .parse(argv, { from: 'user' });
  const [dir] = program.processedArgs as [string];
  const options = program.opts<{
    json: boolean;
    seed?: number;
    check?: string;
    path?: string;
    world: string;
    color: boolean;
    assignment?: string;
  }>();
  const assignment = readAssignment(options.assignment);
  const problem = notASubmissionFolder(dir);
  if (problem) throw new KitError('input-missing', `${dir} ${problem}: pass a student's submission folder`);
  if (!detectLayout(dir))
    throw new KitError(
      'no-exercise',
      `${dir} has no exercise folder (${exerciseRange(assignment)}), neither directly nor under exercises/`,
    );
  if (options.world !== 'student' && options.world !== 'isolated')
    throw new KitError('usage', `--world must be "student" or "isolated" (got "${options.world}")`);
  if (options.path !== undefined && !options.check)
    throw new KitError('usage', '--path replays one case: name its check with --check too');
  if (options.path !== undefined && options.seed === undefined)
    throw new KitError(
      'usage',
      "--path replays one case of one run: give that run's --seed too, as the replay line does",
    );
  if (options.check && !ALL_CHECKS.some((c) => c.id === options.check)) {
    throw new KitError(
      'usage',
      `--check ${options.check}: no such check; ids look like ${ALL_CHECKS[0].id} (see \`npm run check -- <dir> --json\`)`,
    );
  }

  const submission = readSubmission(dir);
  const port = await openSubmissionPort(submission, readSubmission(SOLUTIONS_DIR, 'reference'));
  let result;
  try {
    result = await gradeSubmission(submission, port, {
      seed: options.seed,
      onlyChecks: options.check ? [options.check] : undefined,
      path: options.path,
      plots: false,
      world: options.world === 'isolated' ? 'isolated' : undefined,
      exercises: options.check ? [...assignment.exercises, exerciseOfCheck(options.check)] : assignment.exercises,
    });
  } finally {
    await port.close();
  }
  const color = options.color && shouldUseColor(process.stdout);
  const summary = renderConsoleSummary(withReplaysIn(result, dir), { color });
  process.stdout.write(
    options.json ? `${printableJson(toGradescope(result), 2)}\n` : summary.endsWith('\n') ? summary : `${summary}\n`,
  );
  return result.score === result.maxScore ? EXIT.OK : EXIT.CHECKS_FAILED;
}

/** The result with each replay command naming this submission's folder, so that it runs as printed here. */
function withReplaysIn(result: SubmissionResult, dir: string): SubmissionResult {
  return {
    ...result,
    exercises: result.exercises.map((exercise) => ({
      ...exercise,
      checks: exercise.checks.map((check) =>
        check.replay === undefined ? check : { ...check, replay: replayCommandFor(check.replay, dir) },
      ),
    })),
  };
}

/** A replayed check's exercise is graded whatever the assignment: its id begins with the exercise's folder. */
function exerciseOfCheck(id: string): ExerciseId {
  return ALL_CHECKS.find((c) => c.id === id)!.exercise;
}

if (require.main === module) runCommand('check', main);
