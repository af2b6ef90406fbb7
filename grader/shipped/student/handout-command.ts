import type { SubmissionResult } from '../results/model';

/**
 * The command a student runs in their handout checkout to see one public check on their own files:
 * the handout's `npm run check` (check-command.ts). With the grader's run seed and fast-check's path
 * it replays the grader's case of a check that travels as code, or judged from the reference's facts
 * on designed examples; one judged from facts on drawn inputs runs on the handout's own, and says so.
 */
export function handoutCheckCommand(
  checkId: string,
  options: { readonly seed?: number; readonly path?: string } = {},
): string {
  const seed = options.seed === undefined ? '' : ` --seed ${options.seed}`;
  const path = options.path === undefined ? '' : ` --path "${options.path}"`;
  return `npm run check -- --check ${checkId}${seed}${path}`;
}

/**
 * A grading result whose replay commands are the handout's: what every output a student reads
 * (Gradescope's results.json and its text, a platform's feedback) prints in place of the
 * instructor's `npm run check -- <submission> …`, which runs only in the kit's repository. Only
 * public checks keep a command (`forStudent` drops a hidden check's).
 */
export function withHandoutReplays(result: SubmissionResult): SubmissionResult {
  return {
    ...result,
    exercises: result.exercises.map((exercise) => ({
      ...exercise,
      checks: exercise.checks.map((check) => {
        if (check.replay === undefined) return check;
        const { replay: _instructors, ...rest } = check;
        return check.visibility === 'public'
          ? { ...rest, replay: handoutCheckCommand(check.id, { seed: result.seed, path: check.path }) }
          : rest;
      }),
    })),
  };
}
