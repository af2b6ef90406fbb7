import { forStudent } from '../results/for-student';
import type { SubmissionResult } from '../results/model';
import { exerciseNote, firstPublicFailure } from './console';
import { capitalised, publicStatus, statusSentence, type PendingHidden } from './status';
import { describeCounterexample } from './student-view';
import { formatPoints, MARKDOWN_TEXT } from './text';

const { text, code } = MARKDOWN_TEXT;

/**
 * What a run of the public checks appends to a GitHub Actions job summary (the file
 * `GITHUB_STEP_SUMMARY` names), as GitHub-flavoured Markdown: the same status sentence as the
 * terminal and the feedback page, one row per exercise with its public points and what the kit
 * found, and where to look first. Every text from the submission is escaped for Markdown.
 */
export function jobSummaryMarkdown(full: SubmissionResult, pending: PendingHidden): string {
  const result = forStudent(full);
  const status = publicStatus(result, pending);
  const lines = [
    `## Gradient descent: public checks of ${text(result.studentId)}`,
    '',
    `**${text(capitalised(statusSentence(status)))}**`,
    '',
    '| | exercise | public points | public checks passed | what the kit found |',
    '| --- | --- | ---: | ---: | --- |',
  ];
  for (const e of result.exercises) {
    const checks = e.checks.filter((c) => c.visibility === 'public');
    const outcome = e.score >= e.maxScore ? '✓ passed' : e.score > 0 ? '◐ partly' : '✗ not yet';
    lines.push(
      `| ${outcome} | ${text(e.exercise)} | ${formatPoints(e.score)}/${formatPoints(e.maxScore)} | ${checks.filter((c) => c.status === 'pass').length}/${checks.length} | ${text(exerciseNote(e))} |`,
    );
  }
  const first = firstPublicFailure(result);
  if (first) {
    lines.push('', `**Where to look:** ${text(first.e.exercise)} › ${text(first.ch.title)}`, '');
    lines.push(`- ${text(first.ch.message)}`);
    const input = describeCounterexample(first.ch);
    if (input) lines.push(`- input: ${text(input)}`);
    if (first.ch.replay) lines.push(`- in your checkout: ${code(first.ch.replay)}`);
  }
  lines.push('', `Seed ${result.seed} · grader ${text(result.graderVersion)}`, '');
  return `${lines.join('\n')}\n`;
}
