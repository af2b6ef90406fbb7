import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FULL_RESULT_FILE, gradeClass, type ClassRunOptions } from '../../grader/batch/grade-class';
import { GradingJournal, JOURNAL_FILE } from '../../grader/batch/journal';
import { acceptRegrade, CHANGES_FILE, PREVIEW_FILE, previewRegrade, regradePending } from '../../grader/batch/regrade';
import { main } from '../../grader/cli/grade';
import { KIT_ROOT } from '../../grader/data/paths';
import {
  regradeCsv,
  renderClassSummary,
  writeClassSummary,
  type GradingStamp,
  type RegradePreview,
} from '../../grader/report';
import type { Grader } from '../../grader/engine/grade-submission';
import { CHECKS } from '../../grader/grading';
import { studentFolder } from '../../grader/output/student-folder';
import { PASS, type CheckDefinition } from '../../grader/shipped/checks/check';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import type { CheckStatus, SubmissionResult } from '../../grader/shipped/results/model';
import { GRADER_VERSION } from '../../grader/version';
import { reference, TEST_SEED } from '../kit/support';

const FIXTURES = join(KIT_ROOT, 'tests', 'fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'regrade-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/**
 * The grader as it was before two of 03-step's checks were fixed: `linear-in-rate` rejected every
 * answer the real check accepts (too strict), and `pure` accepted every answer that came back (too
 * lenient). Everything else is the kit's own grader.
 */
const EARLIER_GRADER: Grader = {
  version: 'earlier-test-grader',
  checks: { ...CHECKS, '03-step': CHECKS['03-step'].map(asItWas) },
};

function asItWas(check: CheckDefinition): CheckDefinition {
  if (check.id === '03-step/linear-in-rate')
    return {
      ...check,
      verify: (input, answers) => {
        const verdict = check.verify(input, answers);
        return verdict.pass ? { pass: false, message: 'the move is not exactly twice as long' } : verdict;
      },
    };
  if (check.id === '03-step/pure')
    return {
      ...check,
      verify: (input, answers) => {
        const verdict = check.verify(input, answers);
        return verdict.pass || verdict.callError ? verdict : PASS;
      },
    };
  return check;
}

const A_WEEK_AGO = new Date('2026-03-02T10:00:00.000Z');
const YESTERDAY = new Date('2026-03-08T18:45:00.000Z');
const CARRIED = { created_at: '2026-03-01T09:30:00-05:00', iso: '2026-03-01T14:30:00.000Z' };

/**
 * A class from the fixtures: two correct styles, a correct one whose step moves the line it was
 * given (it fails only 03-step/pure), and one that left 03-step as the stub. Their files were last
 * changed a week ago; `stub-03` carries its own submission time, as Gradescope's metadata does.
 */
function makeClass(name: string): string {
  const dir = join(scratch, name);
  cpSync(join(FIXTURES, 'correct', 'kahan'), join(dir, 'kahan'), { recursive: true });
  cpSync(join(FIXTURES, 'correct', 'map-style'), join(dir, 'map-style'), { recursive: true });
  cpSync(join(FIXTURES, 'correct', 'index-loops'), join(dir, 'in-place'), { recursive: true });
  cpSync(
    join(FIXTURES, 'purpose-built', '03-step', 'moves-line-in-place.ts'),
    join(dir, 'in-place', '03-step', 'step.ts'),
  );
  cpSync(join(FIXTURES, 'correct', 'reduce'), join(dir, 'stub-03'), { recursive: true });
  cpSync(join(KIT_ROOT, 'exercises', '03-step', 'step.ts'), join(dir, 'stub-03', '03-step', 'step.ts'));
  writeFileSync(join(dir, 'stub-03', 'submission_metadata.json'), JSON.stringify({ created_at: CARRIED.created_at }));
  for (const student of readdirSync(dir))
    for (const entry of readdirSync(join(dir, student), { recursive: true, withFileTypes: true }))
      if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), A_WEEK_AGO, A_WEEK_AGO);
  return dir;
}

function classOptions(submissionsDir: string, outDir: string, grader?: Grader): ClassRunOptions {
  return {
    submissionsDir,
    outDir,
    seed: TEST_SEED,
    jobs: 2,
    openPort: async (submission) => new InProcessPort(submission, reference),
    gradeOptions: { plots: false, ...(grader ? { grader } : {}) },
  };
}

/** Every file under `dir` but the regrade preview, as text. */
function filesOf(dir: string, skip = 'regrade'): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = relative(dir, join(entry.parentPath, entry.name));
    if (entry.isFile() && path.split('/')[0] !== skip) files[path] = readFileSync(join(dir, path), 'utf8');
  }
  return files;
}

function gradingOf(dir: string): SubmissionResult {
  return JSON.parse(readFileSync(join(dir, FULL_RESULT_FILE), 'utf8')) as SubmissionResult;
}

type Outcome = { status: CheckStatus; points: number };
const outcome = (status: CheckStatus, points: number): Outcome => ({ status, points });

describe('a regrade', () => {
  const classDir = join(scratch, 'class');
  const out = join(scratch, 'out');
  let earlier: Record<string, string>;
  let changes: Record<string, string>[];

  beforeAll(async () => {
    makeClass('class');
    const first = await gradeClass(classOptions(classDir, out, EARLIER_GRADER));
    await writeClassSummary(first.results, out, { failures: first.failures });
    // kahan hands in again after the first grading: a comment only, yesterday.
    const kahanCost = join(classDir, 'kahan', '01-cost', 'cost.ts');
    appendFileSync(kahanCost, '\n// checked again before the deadline\n');
    utimesSync(kahanCost, YESTERDAY, YESTERDAY);
    earlier = filesOf(out);
    await previewRegrade({
      ...classOptions(classDir, out),
      seed: undefined,
      acceptCommand: `npm run grade -- ${classDir} --out ${out} --accept-regrade`,
    });
    changes = parse(readFileSync(join(out, 'regrade', CHANGES_FILE), 'utf8'), { columns: true });
  }, 600_000);

  it('replaces nothing before it is accepted', () => {
    expect(filesOf(out)).toEqual(earlier);
    expect(regradePending(out)).toBe(true);
  });

  it('lists exactly who gains or loses which checks, with both graders', () => {
    const row = (student: string, exercise: string) =>
      changes.find((r) => r.Student === student && r.Exercise === exercise)!;
    const changed = changes.filter((r) => r['Checks changed'] !== '' && r.Exercise !== 'total');
    expect(changed.map((r) => [r.Student, r.Exercise])).toEqual([
      ['in-place', '03-step'],
      ['kahan', '03-step'],
      ['map-style', '03-step'],
    ]);
    expect(row('kahan', '03-step')['Checks changed']).toBe(
      `${title('03-step/linear-in-rate')} [03-step/linear-in-rate]: failed → passed (+2)`,
    );
    expect(row('map-style', '03-step')['Checks changed']).toBe(row('kahan', '03-step')['Checks changed']);
    expect(row('in-place', '03-step')['Checks changed']).toBe(
      `${title('03-step/linear-in-rate')} [03-step/linear-in-rate]: failed → passed (+2); ` +
        `${title('03-step/pure')} [03-step/pure]: passed → failed (−1)`,
    );
    expect(changes.filter((r) => r.Exercise === 'total').map((r) => [r.Student, Number(r.Change)])).toEqual([
      ['in-place', 1],
      ['kahan', 2],
      ['map-style', 2],
      ['stub-03', 0],
    ]);
    for (const student of ['in-place', 'kahan', 'map-style', 'stub-03']) {
      const total = row(student, 'total');
      expect([total['Old grader'], total['New grader']]).toEqual(['earlier-test-grader', GRADER_VERSION]);
      expect([total['Old seed'], total['New seed']]).toEqual([String(TEST_SEED), String(TEST_SEED)]);
      const before = gradingOf(join(out, student));
      const after = gradingOf(join(out, 'regrade', student));
      expect([Number(total['Old score']), Number(total['New score'])]).toEqual([before.score, after.score]);
    }
  });

  it('agrees check by check with the two gradings it compares', () => {
    const statuses = (dir: string) =>
      Object.fromEntries(
        gradingOf(dir)
          .exercises.flatMap((e) => e.checks)
          .map((c) => [c.id, outcome(c.status, c.points)]),
      );
    const differing = (student: string) => {
      const before = statuses(join(out, student));
      const after = statuses(join(out, 'regrade', student));
      return Object.keys(after)
        .filter((id) => JSON.stringify(before[id]) !== JSON.stringify(after[id]))
        .map((id) => [id, before[id], after[id]]);
    };
    expect(differing('kahan')).toEqual([['03-step/linear-in-rate', outcome('fail', 0), outcome('pass', 2)]]);
    expect(differing('in-place')).toEqual([
      ['03-step/linear-in-rate', outcome('fail', 0), outcome('pass', 2)],
      ['03-step/pure', outcome('pass', 1), outcome('fail', 0)],
    ]);
    expect(differing('stub-03')).toEqual([]);
  });

  it('flags the student whose submission changed, and keeps when work was handed in apart from when it was graded', () => {
    const total = (student: string) => changes.find((r) => r.Student === student && r.Exercise === 'total')!;
    expect(new Set(changes.filter((r) => r['Submission changed'] === 'yes').map((r) => r.Student))).toEqual(
      new Set(['kahan']),
    );
    expect([total('kahan')['Submitted (old grading)'], total('kahan')['Submitted (new grading)']]).toEqual([
      A_WEEK_AGO.toISOString(),
      YESTERDAY.toISOString(),
    ]);
    expect(total('map-style')['Submitted (new grading)']).toBe(A_WEEK_AGO.toISOString());
    expect(total('stub-03')['Submitted (old grading)']).toBe(CARRIED.iso);
    const journal = new GradingJournal(out).entryOf('kahan')!;
    expect(journal.submittedAt).toBe(A_WEEK_AGO.toISOString());
    expect(Date.parse(journal.gradedAt!)).toBeGreaterThan(Date.now() - 600_000);
    expect(total('kahan')['Graded (old)']).toBe(journal.gradedAt);
    expect(Date.parse(total('kahan')['Graded (new)'])).toBeGreaterThan(Date.parse(journal.gradedAt!));
  });

  it('opens the previewed class summary with the changes', () => {
    const summary = readFileSync(join(out, 'regrade', 'summary.md'), 'utf8');
    const section = summary.slice(summary.indexOf('## Regrade preview'), summary.indexOf('## Pass rate per exercise'));
    expect(section).toContain('Grader earlier-test-grader → ' + GRADER_VERSION);
    expect(section).toContain('Of 4 students graded again, 3 gain points, 0 lose points and 1 keeps every result.');
    expect(section).toMatch(
      /\| \[kahan\]\(kahan\/report\.md\)<br>\*\*submission changed since its last grading \(handed in 2026-03-02T10:00:00\.000Z, now 2026-03-08T18:45:00\.000Z\)\*\* \| 98 \/ 100 \| 100 \/ 100 \| \+2 gains \|/,
    );
    expect(section).toContain('Unchanged: stub-03.');
    expect(section).toContain(`npm run grade -- ${classDir} --out ${out} --accept-regrade`);
    const html = readFileSync(join(out, 'regrade', 'summary.html'), 'utf8');
    expect(html).toContain('<h2 id="regrade-heading">Regrade preview</h2>');
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).not.toContain('Regrade preview');
  });

  it('puts every previewed student in place when accepted, and is safe to interrupt and run again', async () => {
    const interrupted = join(scratch, 'out-interrupted');
    cpSync(out, interrupted, { recursive: true });
    const previewed = Object.fromEntries(
      ['in-place', 'kahan', 'map-style', 'stub-03'].map((s) => [s, filesOf(join(out, 'regrade', s))]),
    );

    const accepted = await acceptRegrade({ submissionsDir: classDir, outDir: out });
    expect(accepted.accepted).toEqual(['in-place', 'kahan', 'map-style', 'stub-03']);
    expect(accepted.skipped).toEqual([]);
    for (const [student, files] of Object.entries(previewed)) expect(filesOf(join(out, student))).toEqual(files);
    expect(existsSync(join(out, 'regrade'))).toBe(false);
    expect(regradePending(out)).toBe(false);
    expect(readFileSync(join(out, 'gradebook.csv'), 'utf8')).toMatch(/kahan,,,kahan,,100,/);
    // The journal now names the new grading: grading again under the same grader reuses every student.
    const again = await gradeClass(classOptions(classDir, out));
    expect(again.reused).toBe(4);

    // Interrupted after the first student, and killed between the two renames of the third.
    const stop = new Error('interrupted');
    await expect(
      acceptRegrade({
        submissionsDir: classDir,
        outDir: interrupted,
        onStudentAccepted: () => {
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    expect(gradingOf(join(interrupted, 'in-place')).graderVersion).toBe(GRADER_VERSION);
    expect(gradingOf(join(interrupted, 'kahan')).graderVersion).toBe('earlier-test-grader');
    expect(regradePending(interrupted)).toBe(true);
    mkdirSync(join(interrupted, 'regrade', '.replaced'), { recursive: true });
    renameSync(join(interrupted, 'map-style'), join(interrupted, 'regrade', '.replaced', 'map-style'));

    const resumed = await acceptRegrade({ submissionsDir: classDir, outDir: interrupted });
    expect(resumed.accepted).toEqual(['in-place', 'kahan', 'map-style', 'stub-03']);
    const journalLines = (dir: string) =>
      readFileSync(join(dir, JOURNAL_FILE), 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('{"student"'));
    expect(filesOf(interrupted, JOURNAL_FILE)).toEqual(filesOf(out, JOURNAL_FILE));
    expect(journalLines(interrupted)).toEqual(journalLines(out));
    expect(existsSync(join(interrupted, 'regrade'))).toBe(false);
  });
});

describe('bad input to a regrade', () => {
  const classDir = join(scratch, 'bad-class');
  beforeAll(() => {
    makeClass('bad-class');
  });

  it('says there is nothing to compare against in an output folder with no earlier grading', async () => {
    const empty = join(scratch, 'never-graded');
    mkdirSync(empty);
    for (const outDir of [empty, join(scratch, 'not-there')])
      await expect(previewRegrade({ ...classOptions(classDir, outDir), acceptCommand: '' })).rejects.toMatchObject({
        code: 'usage',
        message: expect.stringMatching(/^--regrade: .* so there is nothing to compare against: grade the class first/),
      });
  });

  it('refuses --accept-regrade with no preview pending, and exits with the usage code', async () => {
    const graded = join(scratch, 'no-preview');
    mkdirSync(graded);
    await expect(acceptRegrade({ submissionsDir: classDir, outDir: graded })).rejects.toThrow(
      `no regrade preview is pending in ${graded} (${join(graded, 'regrade', PREVIEW_FILE)} is not there): ` +
        `preview one first with npm run grade -- ${classDir} --out ${graded} --regrade`,
    );
    await expect(main([classDir, '--out', graded, '--accept-regrade'])).rejects.toMatchObject({
      code: 'usage',
      message: expect.stringContaining(join('no-preview', 'regrade', PREVIEW_FILE)),
    });
    await expect(main([classDir, '--out', graded, '--accept-regrade', '--seed', '3'])).rejects.toMatchObject({
      code: 'commander.conflictingOption',
    });
  });

  it('never names a student folder regrade, where the preview goes', () => {
    expect(studentFolder('regrade')).not.toBe('regrade');
    expect(studentFolder('Regrade')).not.toBe('Regrade');
    expect(studentFolder('regrade-2')).toBe('regrade-2');
  });
});

function title(id: string): string {
  return CHECKS['03-step'].find((c) => c.id === id)!.title;
}

describe('the preview as written', () => {
  const stamp = (score: number, extra: Partial<GradingStamp> = {}): GradingStamp => ({
    graderVersion: 'v2',
    seed: 11,
    score,
    maxScore: 20,
    ...extra,
  });
  const preview: RegradePreview = {
    acceptCommand: 'npm run grade -- class --out out --accept-regrade',
    students: [
      {
        studentId: '=HYPERLINK("x")',
        after: stamp(20),
        submissionChanged: false,
        exercises: [{ exercise: '01-cost', after: { score: 20, maxScore: 20 }, checks: [] }],
      },
      {
        studentId: 'resubmitted',
        before: stamp(20, { graderVersion: 'v1', submittedAt: '2026-03-01T00:00:00.000Z' }),
        after: stamp(20, { submittedAt: '2026-03-05T00:00:00.000Z' }),
        submissionChanged: true,
        exercises: [
          { exercise: '01-cost', before: { score: 20, maxScore: 20 }, after: { score: 20, maxScore: 20 }, checks: [] },
        ],
      },
      {
        studentId: 'held-back',
        before: stamp(20, { graderVersion: 'v1' }),
        after: stamp(16.5, {}),
        submissionChanged: false,
        exercises: [
          {
            exercise: '01-cost',
            before: { score: 20, maxScore: 20 },
            after: { score: 16.5, maxScore: 20 },
            checks: [
              {
                id: '01-cost/matches-reference',
                title: 'matches the reference',
                before: { status: 'pass', points: 2, maxPoints: 2 },
                after: { status: 'fail', points: 0, maxPoints: 2 },
              },
              {
                id: '01-cost/non-negative',
                title: 'is never negative',
                before: { status: 'pass', points: 1.5, maxPoints: 1.5 },
                after: { status: 'pass', points: 0, maxPoints: 1.5 },
              },
            ],
          },
        ],
      },
    ],
  };
  const results = preview.students.map((s) => ({
    studentId: s.studentId,
    score: s.after.score,
    maxScore: 20,
    exercises: [],
  }));

  it('writes numbers as numbers, a formula-like name defused, and every check that changed with its points', () => {
    const rows = parse(regradeCsv(preview), { columns: true }) as Record<string, string>[];
    const total = (student: string) => rows.find((r) => r.Student === student && r.Exercise === 'total')!;
    expect(total(`'=HYPERLINK("x")`)).toMatchObject({
      'Old score': '',
      'New score': '20',
      Change: '',
      'Submission changed': '',
    });
    expect(total('held-back')).toMatchObject({
      'Old score': '20',
      'New score': '16.5',
      Change: '-3.5',
      'Checks changed': '2 checks',
    });
    expect(rows.find((r) => r.Student === 'held-back' && r.Exercise === '01-cost')!['Checks changed']).toBe(
      'matches the reference [01-cost/matches-reference]: passed → failed (−2); ' +
        'is never negative [01-cost/non-negative]: passed → passed, points held back (−1.5)',
    );
    expect(total('resubmitted')).toMatchObject({
      'Submission changed': 'yes',
      'Submitted (old grading)': '2026-03-01T00:00:00.000Z',
      'Submitted (new grading)': '2026-03-05T00:00:00.000Z',
    });
  });

  it('says who is new, who lost what and whose submission changed, in words', async () => {
    const { html, markdown } = await renderClassSummary(results, { regrade: preview });
    expect(markdown).toContain(
      'Of 3 students graded again, 0 gain points, 1 loses points, 1 is graded for the first time and 1 keeps every result. ' +
        '1 submission changed since its last grading (flagged)',
    );
    expect(markdown).toContain('Grader v1 → v2.');
    expect(markdown).toMatch(/\| \[held-back\]\(held-back\/report\.md\) \| 20 \/ 20 \| 16\.5 \/ 20 \| −3\.5 loses \|/);
    expect(markdown).toMatch(
      /\| \[resubmitted\]\(resubmitted\/report\.md\)<br>\*\*submission changed[^|]*\| 20 \/ 20 \| 20 \/ 20 \| ±0 same total \| no score or check changed \|/,
    );
    expect(html).toContain('graded for the first time');
    expect(html).not.toContain('<ul></ul>');
  });
});
