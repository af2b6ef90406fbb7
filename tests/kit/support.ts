import { join } from 'node:path';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { gradeSubmission, type GradeOptions } from '../../grader/engine/grade-submission';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { readSubmission, type Submission } from '../../grader/shipped/submission/read-submission';
import { KIT_ROOT } from '../../grader/data/paths';

/** The seed the kit's tests grade with, so that their scores are fixed; real grading draws a fresh one per run (tests/rubric tries fresh ones). */
export const TEST_SEED = 7;
export const reference: Submission = readSubmission(join(KIT_ROOT, 'solutions'), 'reference');

/** Grades a folder in-process: for trusted or kit-made code only (the sandbox has its own tests). */
export async function gradeFolder(dir: string, options: GradeOptions = {}): Promise<SubmissionResult> {
  const submission = readSubmission(dir);
  return gradeSubmission(submission, new InProcessPort(submission, reference), {
    plots: false,
    seed: TEST_SEED,
    ...options,
  });
}
