/**
 * What a run of the public checks says where the student looks (the terminal, the feedback page, the
 * GitHub job summary): "public checks N/N passed; hidden checks worth K points run when your work is
 * graded", and never a word of completion (100 %, "well done", "all checks pass") while hidden points
 * are pending. The results are the report fixtures reduced to their public checks, as the handout's
 * kit produces them.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderConsoleSummary } from '../../grader/shipped/report/console';
import { jobSummaryMarkdown } from '../../grader/shipped/report/job-summary';
import type { PendingHidden } from '../../grader/shipped/report/status';
import type { ExerciseResult, SubmissionResult } from '../../grader/shipped/results/model';
import { feedbackPageView } from '../../grader/shipped/student/feedback-page';
import { renderTemplate, reportCss } from '../../grader/shipped/report/templates';
import { encodeManifest, MANIFEST_FORMAT, type KitSummary } from '../../grader/shipped/student/manifest';
import { STUDENT_META_KEY } from '../../grader/shipped/student/meta';
import { StudentReporter } from '../../grader/shipped/student/reporter';
import { buggyResult, passingResult } from '../report/fixtures';

const scratch = mkdtempSync(join(tmpdir(), 'public-status-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Words that claim a grade: none may appear while hidden points are pending. */
const COMPLETION = /well done|100\s*%|100 percent|all checks pass|all \d+ exercises pass|% of the points/i;

/** The handout's feedback page, as its kit renders it (from the precompiled template there). */
const page = (result: SubmissionResult, pending?: PendingHidden) =>
  renderTemplate('student.html', { ...feedbackPageView(result, pending), css: reportCss() });

/** What a page says, to the eye and to a screen reader: its text and labels, without the stylesheet and inline styles. */
const said = (html: string) => html.replace(/<style>[\s\S]*?<\/style>/, '').replace(/ style="[^"]*"/g, '');

const sum = (values: readonly number[]) => values.reduce((s, v) => s + v, 0);

/** A graded result as the handout's kit makes it: public checks only, scored over them. */
function publicRun(full: SubmissionResult): SubmissionResult {
  const exercises = full.exercises.map((e): ExerciseResult => {
    const checks = e.checks.filter((c) => c.visibility === 'public');
    return { ...e, checks, score: sum(checks.map((c) => c.points)), maxScore: sum(checks.map((c) => c.maxPoints)) };
  });
  return {
    ...full,
    plots: undefined,
    exercises,
    score: sum(exercises.map((e) => e.score)),
    maxScore: sum(exercises.map((e) => e.maxScore)),
  };
}

/** What the kit's data says of the hidden checks: those the fixture has. */
function pendingOf(full: SubmissionResult): PendingHidden {
  return {
    exercises: full.exercises.map((e) => {
      const hidden = e.checks.filter((c) => c.visibility === 'hidden');
      return { exercise: e.exercise, hiddenChecks: hidden.length, hiddenPoints: sum(hidden.map((c) => c.maxPoints)) };
    }),
  };
}

const passing = passingResult();
const run = publicRun(passing);
const pending = pendingOf(passing);
const publicChecks = run.exercises.flatMap((e) => e.checks).length;
const hiddenPoints = sum(pending.exercises.map((e) => e.hiddenPoints));
const STATUS = `public checks ${publicChecks}/${publicChecks} passed; hidden checks worth ${hiddenPoints} points run when your work is graded.`;

describe('a run of the public checks where every one passes', () => {
  it('ends the terminal summary with the status, and says "public" of its points', () => {
    const text = renderConsoleSummary(run, { color: false, pendingHidden: pending });
    expect(hiddenPoints).toBeGreaterThan(0);
    expect(text.split('\n').at(-1)).toBe(STATUS);
    expect(text.split('\n')[0]).toContain(`public ${run.score}/${run.maxScore}`);
    expect(text).not.toMatch(COMPLETION);
  });

  it('gives the feedback page the status as its verdict, public points without a percentage, and no word of completion', () => {
    const html = said(page(run, pending));
    expect(html).toContain(`<p class="verdict">P${STATUS.slice(1)}</p>`);
    expect(html).toContain(`hidden checks worth ${hiddenPoints} points run when your work is graded`);
    expect(html).toContain('public checks pass');
    expect(html).not.toMatch(COMPLETION);
  });

  it('writes the same status and one row per exercise to the job summary', () => {
    const markdown = jobSummaryMarkdown(run, pending);
    expect(markdown).toContain(`**P${STATUS.slice(1)}**`);
    for (const e of run.exercises)
      expect(markdown).toContain(
        `| ✓ passed | ${e.exercise} | ${e.score}/${e.maxScore} | ${e.checks.length}/${e.checks.length} |`,
      );
    expect(markdown).not.toMatch(COMPLETION);
  });

  it('keeps a graded result’s own words: once the hidden checks have run, full marks are full marks', () => {
    expect(page(passing)).toContain('100% of the points');
    expect(renderConsoleSummary(passing, { color: false })).toContain('All checks pass.');
  });
});

describe('a run of the public checks with failures', () => {
  const buggy = buggyResult();
  const failing = publicRun(buggy);

  it('says how many public checks passed, in every output', () => {
    const passed = failing.exercises.flatMap((e) => e.checks).filter((c) => c.status === 'pass').length;
    const total = failing.exercises.flatMap((e) => e.checks).length;
    const status = `ublic checks ${passed}/${total} passed; hidden checks worth ${sum(pendingOf(buggy).exercises.map((e) => e.hiddenPoints))} points run when your work is graded.`;
    for (const text of [
      renderConsoleSummary(failing, { color: false, pendingHidden: pendingOf(buggy) }),
      said(page(failing, pendingOf(buggy))),
      jobSummaryMarkdown(failing, pendingOf(buggy)),
    ]) {
      expect(text).toContain(status);
      expect(text).not.toMatch(COMPLETION);
    }
  });

  it('escapes what the submission wrote, so the job summary’s table keeps its shape', () => {
    const markdown = jobSummaryMarkdown({ ...failing, studentId: 'ada | *lovelace*' }, pendingOf(buggy));
    expect(markdown).toContain('ada \\| \\*lovelace\\*');
    const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && /\d+\/\d+/.test(l));
    expect(rows).toHaveLength(failing.exercises.length);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(7);
    expect(markdown).toContain('You forgot the factor 2');
    expect(markdown).toContain('**Where to look:** 02-gradient › matches the worked examples');
  });
});

describe('the handout’s reporter in GitHub Actions', () => {
  /** A kit folder with only its kit.json: what the reporter reads besides the test files' results. */
  function kitWith(summary: KitSummary) {
    const root = mkdtempSync(join(scratch, 'handout-'));
    const manifests = join(root, 'exercises', '_kit', 'public');
    mkdirSync(manifests, { recursive: true });
    writeFileSync(join(manifests, 'kit.json'), encodeManifest(summary));
    return {
      root,
      kit: join(root, 'exercises', '_kit'),
      manifests,
      feedbackPage: join(root, 'feedback', 'report.html'),
      studentId: 'octocat',
    };
  }

  const summary: KitSummary = {
    format: MANIFEST_FORMAT,
    seed: run.seed,
    graderVersion: 'test',
    exercises: run.exercises.map((e) => {
      const hidden = pending.exercises.find((p) => p.exercise === e.exercise)!;
      return {
        exercise: e.exercise,
        publicChecks: e.checks.length,
        publicPoints: e.maxScore,
        hiddenChecks: hidden.hiddenChecks,
        hiddenPoints: hidden.hiddenPoints,
      };
    }),
  };
  const modules = (paths: { root: string }) =>
    run.exercises.map((result) => ({
      meta: () => ({ [STUDENT_META_KEY]: { result, contentHash: 'c0ffee' } }),
      errors: () => [],
      moduleId: join(paths.root, 'exercises', result.exercise, 'check.test.ts'),
    }));

  it('appends the status and the per-exercise results to the file GITHUB_STEP_SUMMARY names, after what is there', async () => {
    const paths = kitWith(summary);
    const file = join(paths.root, 'step-summary.md');
    writeFileSync(file, '## An earlier step\n');
    let printed = '';
    const reporter = new StudentReporter({
      paths,
      color: false,
      write: (text) => (printed += text),
      env: { GITHUB_STEP_SUMMARY: file },
    });
    await reporter.onTestRunEnd(modules(paths));
    const markdown = readFileSync(file, 'utf8');
    expect(markdown.startsWith('## An earlier step\n## Gradient descent: public checks of octocat\n')).toBe(true);
    expect(markdown).toContain(`**P${STATUS.slice(1)}**`);
    for (const e of run.exercises) expect(markdown).toContain(`| ${e.exercise} |`);
    expect(printed).toContain(STATUS);
    expect(printed).not.toMatch(COMPLETION);
  });

  it('writes no job summary outside GitHub Actions, and says so when the file cannot be written', async () => {
    const paths = kitWith(summary);
    let printed = '';
    const quiet = new StudentReporter({ paths, color: false, write: (text) => (printed += text), env: {} });
    await quiet.onTestRunEnd(modules(paths));
    expect(printed).not.toContain('job summary');
    const unwritable = join(paths.root, 'no-such-folder', 'summary.md');
    const failing = new StudentReporter({
      paths,
      color: false,
      write: (text) => (printed += text),
      env: { GITHUB_STEP_SUMMARY: unwritable },
    });
    await failing.onTestRunEnd(modules(paths));
    expect(printed).toContain(`(the job summary could not be written to ${unwritable}: ENOENT`);
    expect(printed).toContain(STATUS);
  });
});
