import type { StudentResult } from '../results/for-student';
import { capitalised, exerciseStatusSentence, publicStatus, statusSentence, type PendingHidden } from './status';
import type { StudentView } from './student-view';
import { formatPoints, type TextFormat } from './text';

/**
 * The student page of a run of the public checks alone (the handout's feedback page): the same
 * page as `studentView`'s, with every word that would read as a grade replaced by the status. The
 * verdict is the status sentence, the score box counts public points with no percentage, an
 * exercise whose public checks pass says "public checks pass" and how many hidden checks and points
 * it still has to meet. Nothing says 100 % or "well done" while hidden points are pending.
 */
export function pendingView(
  view: StudentView,
  result: StudentResult,
  pending: PendingHidden,
  fmt: TextFormat,
): StudentView {
  const status = publicStatus(result, pending);
  const sentence = capitalised(statusSentence(status));
  const open = view.exercises.filter((e) => !e.passed).length;
  const next =
    open === 0
      ? ''
      : open === view.exercises.length
        ? ' The sections below say what is missing and where to start.'
        : ' The sections below say what went wrong and where to look.';
  return {
    ...view,
    verdict: fmt.text(`${sentence}${next}`),
    pending: {
      sentence: fmt.text(sentence),
      points: formatPoints(status.hiddenPoints),
      spoken: fmt.text(
        `${view.score.points} of ${view.score.max} public points. Hidden checks worth ${formatPoints(status.hiddenPoints)} points run when your work is graded.`,
      ),
    },
    exercises: view.exercises.map((exercise, i) => {
      const checks = result.exercises[i].checks.filter((c) => c.visibility === 'public');
      const hidden = pending.exercises.find((e) => e.exercise === result.exercises[i].exercise);
      return {
        ...exercise,
        statusLabel: exercise.passed ? 'public checks pass' : exercise.statusLabel,
        summary: fmt.text(
          exerciseStatusSentence(
            checks.filter((c) => c.status === 'pass').length,
            checks.length,
            hidden?.hiddenChecks ?? 0,
            hidden?.hiddenPoints ?? 0,
          ),
        ),
      };
    }),
  };
}
