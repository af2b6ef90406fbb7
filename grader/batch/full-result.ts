import type { SubmissionResult } from '../shipped/results/model';

/** What grading.json says about itself, in its first field. */
export const INSTRUCTOR_ONLY =
  'Instructor only: the full grading result, with the hidden checks’ inputs, the reference’s expected values and the student’s answers and messages. Students get results.json, report.html, report.md and junit.xml, which are written from forStudent(result).';

/** grading.json's content: the whole result, which the class summary is rebuilt from, marked as the instructor's. */
export interface FullResultRecord extends SubmissionResult {
  readonly audience: 'instructor-only';
  readonly note: string;
}

/** The whole result with its audience stated first, so that whoever opens grading.json reads that it must not reach the student. */
export function fullResultRecord(result: SubmissionResult): FullResultRecord {
  return { audience: 'instructor-only', note: INSTRUCTOR_ONLY, ...result };
}
