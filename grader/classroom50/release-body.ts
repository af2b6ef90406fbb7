import type { GradedUpload } from '../gradescope/run-autograder';
import { renderConsoleSummary } from '../report';
import { printable } from '../shipped/output/printable';
import { withHandoutReplays } from '../shipped/student/handout-command';
import type { Classroom50Result } from './result-json';

/** A Markdown table cell: one line, no pipe that would end the cell, no character Markdown would act on. */
function cell(text: string): string {
  return printable(text).replace(/[\\|`*_[\]<>#]/g, (c) => `\\${c}`);
}

/** The most of one test's output the Release shows (GitHub caps a Release's text at 125,000 characters); result.json keeps it whole. */
export const RELEASE_OUTPUT_LIMIT = 2000;

function clipped(text: string): string {
  return text.length > RELEASE_OUTPUT_LIMIT
    ? `${text.slice(0, RELEASE_OUTPUT_LIMIT).replace(/[\uD800-\uDBFF]$/, '')}\n… ${text.length - RELEASE_OUTPUT_LIMIT} more characters in result.json`
    : text;
}

/** A fenced block that no run of backticks in `text` can close early. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}

/**
 * release-body.md: the Markdown Classroom 50 publishes as the student's Release and the run's
 * summary. The score, one row per test of result.json, then what the student's terminal report
 * says (forStudent: hidden checks without their inputs or messages), each check's output, and
 * the seed that replays the grading. Text from the submission is escaped (`printable`) and kept
 * inside fenced blocks.
 */
export function releaseBody(result: Classroom50Result, upload: GradedUpload): string {
  const lines = [`### Gradient descent: ${result.score}/${result['max-score']}`, ''];
  if (!('result' in upload))
    lines.push(
      'Nothing was graded: no exercise file was found in the commit graded. Commit your exercise files where the handout has them (`exercises/01-cost/cost.ts`, …) and push again.',
      '',
    );
  lines.push(
    'Each exercise’s hidden checks are one row, with their points and whether all passed; their names, inputs and messages are not shown.',
    '',
    '| Test | Result | Score |',
    '|---|---|---|',
    ...result.tests.map(
      (t) => `| ${cell(t['test-name'])} | ${t.passed ? 'PASS' : 'FAIL'} | ${t.score} / ${t['max-score']} |`,
    ),
    '',
  );
  const failing = result.tests.filter((t) => !t.passed);
  if (failing.length) {
    lines.push('<details><summary>What failed</summary>', '');
    for (const t of failing) lines.push(`**${cell(t['test-name'])}**`, '', fenced(clipped(t.output)), '');
    lines.push('</details>', '');
  }
  if ('result' in upload) {
    const notes = upload.notes.length ? `${upload.notes.join('\n')}\n\n` : '';
    lines.push(
      '<details><summary>The grader’s report</summary>',
      '',
      fenced(
        printable(`${notes}${renderConsoleSummary(withHandoutReplays(upload.result), { color: false })}`, {
          keepNewlines: true,
        }),
      ),
      '',
      '</details>',
      '',
      `Seed ${upload.result.seed}, grader ${cell(upload.result.graderVersion)}.`,
    );
  } else lines.push(`Seed ${upload.seed}.`);
  return `${lines.join('\n')}\n`;
}
