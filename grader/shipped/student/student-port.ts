import { InProcessPort } from '../door/in-process-port';
import type { SubmissionPort } from '../door/port';
import { EXERCISES, type ExerciseId } from '../contract/exercises';
import type { Submission, SubmissionFile } from '../submission/read-submission';
import { HANDOUT_ISOLATION } from './isolation';

/** The handout has no reference: worlds that would borrow it never exist here. */
const NO_REFERENCE: Submission = {
  studentId: 'no-reference',
  root: '',
  layout: 'exercise-folders',
  files: Object.fromEntries(
    EXERCISES.map(({ id, file }): [ExerciseId, SubmissionFile] => [
      id,
      { exercise: id, displayPath: `${id}/${file}`, state: 'missing' },
    ]),
  ) as Record<ExerciseId, SubmissionFile>,
  contentHash: '',
};

/** The door to a student's own code in the handout: vm realms in this process, every answer validated as in the grader. */
export function openStudentPort(submission: Submission): SubmissionPort {
  const port = new InProcessPort(submission, NO_REFERENCE);
  return {
    isolation: HANDOUT_ISOLATION,
    modules: () => port.modules(),
    callMany: (requests) => port.callMany(requests),
    close: () => port.close(),
  };
}
