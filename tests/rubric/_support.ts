import { gradeSubmission } from '../../grader/engine/grade-submission';
import type { SandboxPool } from '../../grader/sandbox';
import type { CheckResult, SubmissionResult } from '../../grader/shipped/results/model';
import type { Submission } from '../../grader/shipped/submission/read-submission';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import { reference } from '../kit/support';

/** Grades a submission as `npm run grade` does: through a sandbox child, with the seed given, on `exercises` (default: the default assignment's). */
export async function gradeInSandbox(
  pool: SandboxPool,
  submission: Submission,
  seed: number,
  exercises?: readonly ExerciseId[],
): Promise<SubmissionResult> {
  const port = pool.open(submission, reference);
  try {
    return await gradeSubmission(submission, port, { plots: false, seed, exercises });
  } finally {
    await port.close();
  }
}

/** The checks that earned points, as `id: points`: what a failing cap assertion should show. */
export function earned(result: SubmissionResult): string[] {
  return result.exercises.flatMap((e) =>
    e.checks.filter((c: CheckResult) => c.points > 0).map((c) => `${c.id}: ${c.points}`),
  );
}

/** Why a score is what it is, for an assertion message: the seed that replays it and every check that paid. */
export function explainScore(result: SubmissionResult): string {
  return `${result.studentId} scored ${result.score}/${result.maxScore} with seed ${result.seed} (replay with --seed ${result.seed}); paid: ${earned(result).join(', ') || 'nothing'}`;
}
