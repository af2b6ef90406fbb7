import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../grader/grading';
import { kitDefaultAssignment } from '../../grader/assignment/read-assignment';
import { EXIT } from '../../grader/cli/exit-codes';
import { CATALOGUE, entryFile } from '../../grader/diagnosis/catalogue';
import { EXERCISES, exerciseFile } from '../../grader/shipped/contract/exercises';
import { buildHandout, type HandoutSummary } from '../../grader/handout/build-handout';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { gradeSubmission } from '../../grader/engine/grade-submission';
import { HANDOUT_SEED } from '../../grader/shipped/checks/seeds';
import type { ExerciseId } from '../../grader/shipped/contract/exercises';
import type { ExerciseResult } from '../../grader/shipped/results/model';
import { forStudent } from '../../grader/shipped/results/for-student';
import { studentView } from '../../grader/shipped/report/student-view';
import { renderTemplate, reportCss } from '../../grader/shipped/report/templates';
import { HTML_TEXT } from '../../grader/shipped/report/text';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { filesUnder, npmTest, readText, studentEnv, variantSubmission } from './support';
import { KIT_ROOT } from '../../grader/data/paths';

/** The handout is built for the default assignment: its exercises, and only their checks. */
const ASSIGNED = EXERCISES.filter((e) => kitDefaultAssignment().exercises.includes(e.id));
const ASSIGNED_CHECKS = ALL_CHECKS.filter((c) => kitDefaultAssignment().exercises.includes(c.exercise));
const PUBLIC = ASSIGNED_CHECKS.filter((c) => c.visibility === 'public');
const HIDDEN = ASSIGNED_CHECKS.filter((c) => c.visibility === 'hidden');
const HIDDEN_POINTS = HIDDEN.reduce((s, c) => s + c.points, 0);
const entry = (id: string) => CATALOGUE.find((e) => e.id === id)!;

const scratch = mkdtempSync(join(tmpdir(), 'handout-test-'));
const handout = join(scratch, 'handout');
const exercisesDir = join(handout, 'exercises');
let built: HandoutSummary;
let stubs: Map<string, string>;

/** Replaces exercise files, runs `npm test`, and puts the stubs back. */
function npmTestWith(files: Record<string, string>, args: readonly string[] = []) {
  for (const [path, text] of Object.entries(files)) writeFileSync(join(exercisesDir, path), text);
  try {
    return npmTest(handout, args);
  } finally {
    for (const [path, text] of stubs) writeFileSync(join(exercisesDir, path), text);
  }
}

const solutionFiles = (): Record<string, string> =>
  Object.fromEntries(ASSIGNED.map((e) => [`${e.id}/${e.file}`, readText(join(KIT_ROOT, 'solutions', e.id, e.file))]));

beforeAll(async () => {
  built = await buildHandout({ out: handout });
  stubs = new Map(ASSIGNED.map((e) => [`${e.id}/${e.file}`, readText(join(exercisesDir, e.id, e.file))]));
  // One install per test run, from the handout's own lockfile; every npm test below reuses it.
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: handout,
    encoding: 'utf8',
    env: studentEnv(),
  });
  if (install.status !== 0) throw new Error(`npm ci failed in the handout:\n${install.stderr}`);
}, 240_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('npm run handout', () => {
  it('reports what travels and what stays, from the check list', () => {
    expect(built).toMatchObject({
      publicChecks: PUBLIC.length,
      publicPoints: PUBLIC.reduce((s, c) => s + c.points, 0),
      hiddenChecks: HIDDEN.length,
      hiddenPoints: HIDDEN_POINTS,
    });
    for (const path of [
      'package.json',
      'package-lock.json',
      'README.md',
      'vitest.config.mts',
      '.github/workflows/checks.yml',
      'data/data.csv',
      'exercises/README.md',
      'exercises/types.ts',
    ])
      expect(existsSync(join(handout, path)), path).toBe(true);
    for (const { id, file } of ASSIGNED) {
      for (const path of [`${id}/README.md`, `${id}/${file}`, `${id}/${file.replace(/\.ts$/, '.test.ts')}`])
        expect(existsSync(join(exercisesDir, path)), path).toBe(true);
    }
  });

  it('installs only vitest, TypeScript for the type check and what the kit needs, pinned to the kit’s own versions', () => {
    const pkg = JSON.parse(readText(join(handout, 'package.json')));
    const kitLock = JSON.parse(readText(join(KIT_ROOT, 'package-lock.json')));
    expect(Object.keys(pkg.devDependencies).sort()).toEqual([
      'fast-check',
      'handlebars',
      'picocolors',
      'rolldown',
      'typescript',
      'vitest',
    ]);
    for (const [name, version] of Object.entries(pkg.devDependencies))
      expect(version, name).toBe(kitLock.packages[`node_modules/${name}`].version);
    expect(pkg.dependencies).toBeUndefined();
    expect(readText(join(handout, 'node_modules', 'typescript', 'package.json'))).toContain(
      `"version": "${kitLock.packages['node_modules/typescript'].version}"`,
    );
  });

  it('refuses an --out that is not empty, naming the folder and --force', async () => {
    const used = join(scratch, 'used');
    mkdirSync(used);
    writeFileSync(join(used, 'notes.txt'), 'mine');
    await expect(buildHandout({ out: used })).rejects.toThrow(`${used} exists and is not empty`);
    await expect(buildHandout({ out: join(used, 'notes.txt') })).rejects.toThrow('is a file, not a folder');
    await expect(buildHandout({ out: KIT_ROOT, force: true })).rejects.toThrow('is the kit, contains it');
    const cli = spawnSync('npm', ['run', '--silent', 'handout', '--', '--out', used], {
      cwd: KIT_ROOT,
      encoding: 'utf8',
      env: { ...studentEnv() },
    });
    expect(cli.status).toBe(EXIT.OUTPUT);
    expect(cli.stderr).toContain(used);
    expect(cli.stderr).toContain('--force');
    expect(readText(join(used, 'notes.txt'))).toBe('mine');
  }, 60_000);
});

describe('the students’ npm test', () => {
  it('says "not implemented yet" for every untouched stub, and fails', () => {
    const run = npmTest(handout);
    expect(run.status, run.stdout + run.stderr).not.toBe(0);
    for (const { id } of ASSIGNED) expect(run.stdout).toMatch(new RegExp(`✗ ${id}\\s+0/\\d+\\s+not implemented yet`));
    expect(run.stdout).toContain(
      `public checks 0/${PUBLIC.length} passed; hidden checks worth ${HIDDEN_POINTS} points run when your work is graded.`,
    );
    expect(existsSync(join(handout, 'feedback', 'report.html'))).toBe(true);
  });

  it('passes every public check with the reference solutions copied over the stubs', () => {
    const run = npmTestWith(solutionFiles());
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(
      `public checks ${PUBLIC.length}/${PUBLIC.length} passed; hidden checks worth ${HIDDEN_POINTS} points run when your work is graded.`,
    );
    for (const { id } of ASSIGNED) expect(run.stdout).toMatch(new RegExp(`✓ ${id}\\s`));
  });

  it('names a catalogued mistake in its own output, and in the feedback page', () => {
    const mistake = entry('02-gradient/missing-factor-2');
    const run = npmTestWith({ ...solutionFiles(), '02-gradient/gradient.ts': readText(entryFile(mistake)) });
    expect(run.status).not.toBe(0);
    expect(run.stdout).toMatch(new RegExp(`◐ 02-gradient\\s+\\d+/\\d+\\s+${mistake.name}`));
    expect(run.stdout).toContain('fix 02-gradient first');
    expect(readText(join(handout, 'feedback', 'report.html'))).toContain(mistake.hint.replace(/'/g, '&#x27;'));
  });

  it('runs one exercise with npm test -- <exercise>', () => {
    const run = npmTestWith(solutionFiles(), ['03-step']);
    expect(run.status).toBe(0);
    const points = PUBLIC.filter((c) => c.exercise === '03-step').reduce((s, c) => s + c.points, 0);
    expect(run.stdout).toMatch(new RegExp(`✓ 03-step\\s+${points}/${points}`));
    expect(run.stdout).not.toContain('01-cost');
  });

  it('keeps student code out of vitest’s realm: patched built-ins cannot make a check pass', () => {
    const hostile = `import type { Line, Point } from '../types';
Object.is = () => true;
Number.isFinite = () => true;
Math.abs = () => 0;
Array.prototype.every = function () { return true; };
JSON.parse = () => ({});
(globalThis as { process?: unknown }).process = { exit() {} };
export function computeCost(points: readonly Point[], line: Line): number {
  return -1;
}
`;
    const run = npmTestWith({ ...solutionFiles(), '01-cost/cost.ts': hostile }, ['01-cost']);
    expect(run.status).not.toBe(0);
    expect(run.stdout).not.toMatch(/✓ 01-cost/);
    expect(run.stdout).toMatch(/01-cost\s+[0-2]\/8/);
  });
});

describe('what the handout carries', () => {
  /** Lines too common to mean anything: loop headers and fields the kit's own tolerance code shares with every numeric loop. */
  const GENERIC = new Set([
    'for (const { x, y } of points) {',
    'const n = points.length;',
    'let sum = 0;',
    'const n = X.length;',
    'const d = X[0].length;',
    'for (let j = 0; j < d; j++) {',
    'let compensation = 0;',
    'const t = sum + v;',
    'compensation += Math.abs(sum) >= Math.abs(v) ? sum - t + v : v - t + sum;',
    'readonly meanY: number;',
  ]);

  it('carries no byte of the reference, the hidden checks or the catalogue variants', () => {
    const shipped = filesUnder(handout).map((path) => ({ path, text: readText(join(handout, path)) }));
    const handoutSources = filesUnder(join(KIT_ROOT, 'exercises'))
      .map((path) => readText(join(KIT_ROOT, 'exercises', path)))
      .join('\n');
    const distinctive = (text: string) =>
      text
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length >= 12 && !GENERIC.has(l) && !handoutSources.includes(l));
    const needles: { what: string; text: string }[] = [];
    // Every exercise's reference, not only the handed-out ones': the kit ships every exercise's public checks.
    for (const { id, file } of EXERCISES)
      for (const line of distinctive(readText(join(KIT_ROOT, 'solutions', id, file))))
        needles.push({ what: `solutions/${id}/${file}`, text: line });
    for (const e of CATALOGUE) {
      const reference = new Set(
        readText(join(KIT_ROOT, 'solutions', e.exercise, exerciseFile(e.exercise)))
          .split('\n')
          .map((l) => l.trim()),
      );
      for (const line of distinctive(readText(entryFile(e))))
        if (!reference.has(line)) needles.push({ what: `catalogue variant ${e.id}`, text: line });
    }
    const publicTitles = new Set(PUBLIC.map((c) => c.title));
    for (const check of HIDDEN) {
      needles.push({ what: `hidden check id`, text: check.id });
      if (!publicTitles.has(check.title))
        needles.push({ what: `hidden check title of ${check.id}`, text: check.title });
    }
    expect(needles.length).toBeGreaterThan(200);
    const leaks = needles.flatMap((needle) =>
      shipped.filter((f) => f.text.includes(needle.text)).map((f) => `${f.path} holds ${needle.what}: ${needle.text}`),
    );
    expect(leaks).toEqual([]);
  });

  it('carries a plain GitHub Actions workflow: Node 24, npm ci, and the public checks run once, with no classroom action', () => {
    const text = readText(join(handout, '.github', 'workflows', 'checks.yml'));
    const workflow = parse(text) as {
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, unknown> }[] }>;
    };
    const pkg = JSON.parse(readText(join(handout, 'package.json')));
    expect(text).not.toMatch(/education\//);
    expect(readdirSync(join(handout, '.github', 'workflows'))).toEqual(['checks.yml']);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    for (const step of steps.filter((s) => s.uses))
      expect(step.uses, 'only actions/checkout and actions/setup-node').toMatch(
        /^actions\/(checkout|setup-node)@v\d+$/,
      );
    expect(steps.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with).toMatchObject({ 'node-version': 24 });
    const runs = steps.flatMap((s) => (s.run ? s.run.split('\n').filter(Boolean) : []));
    expect(runs).toEqual(['npm ci', 'npm test']);
    expect(pkg.scripts.test).toBeTruthy();
    expect(existsSync(join(handout, 'package-lock.json'))).toBe(true);
  });

  it('has a README that says how to run the checks and what is hidden, with the real numbers', () => {
    const readme = readText(join(handout, 'README.md'));
    expect(readme).toContain('npm test -- 01-cost');
    expect(readme).toContain(`hidden checks worth ${HIDDEN_POINTS} points`);
    expect(readme).toContain(
      `| **total** | **${PUBLIC.length}** | **${PUBLIC.reduce((s, c) => s + c.points, 0)}** | **${HIDDEN.length}** | **${HIDDEN_POINTS}** |`,
    );
  });
});

describe('the kit’s verdicts', () => {
  const reference = readSubmission(join(KIT_ROOT, 'solutions'), 'reference');
  const kit = () =>
    createRequire(__filename)(
      join(handout, 'exercises', '_kit', 'grader', 'shipped', 'student', 'grade-exercise.js'),
    ) as typeof import('../../grader/shipped/student/grade-exercise');
  const byKit = (root: string, exercise: ExerciseId) =>
    kit()
      .gradeExercise(exercise, { root, manifestDir: join(handout, 'exercises', '_kit', 'public'), studentId: 'test' })
      .then((g) => g.result);
  const byGrader = async (root: string, exercises: readonly ExerciseId[]) => {
    const submission = readSubmission(root);
    const onlyChecks = PUBLIC.filter((c) => exercises.includes(c.exercise)).map((c) => c.id);
    return (
      await gradeSubmission(submission, new InProcessPort(submission, reference), {
        plots: false,
        onlyChecks,
        seed: HANDOUT_SEED,
      })
    ).exercises;
  };
  /**
   * Messages are compared where both sides see the same failing input: checks that travel as code (shrunk alike) and worked examples.
   * Points are not: the kit counts a passing check at its worth, while the grader holds back a property's points until the export
   * also matches the reference on fresh inputs, which only hidden checks can show (grader/engine/rubric.ts; tests/rubric).
   */
  const sameInputs = new Set(PUBLIC.filter((c) => c.examples || !c.handout).map((c) => c.id));
  const verdicts = (result: ExerciseResult, withMessages: boolean) =>
    result.checks.map((c) => ({
      id: c.id,
      status: c.status,
      ...(withMessages && sameInputs.has(c.id) ? { message: c.message.replaceAll('<submission>/', '') } : {}),
    }));

  it('render the feedback page grader/report renders, from the precompiled template', async () => {
    const root = join(KIT_ROOT, 'examples', 'sample-class', 'eli-missing-factor-2');
    const results = [];
    for (const { id } of ASSIGNED) results.push(await byKit(root, id));
    const result = {
      studentId: 'eli',
      seed: HANDOUT_SEED,
      graderVersion: 'test',
      score: 1,
      maxScore: 2,
      exercises: results,
      isolation: [],
      contentHash: 'abc',
      executionTime: 1,
    };
    const page = join(scratch, 'page.html');
    await (
      createRequire(__filename)(
        join(handout, 'exercises', '_kit', 'grader', 'shipped', 'student', 'feedback-page.js'),
      ) as typeof import('../../grader/shipped/student/feedback-page')
    ).writeFeedbackPage(result, page);
    expect(readText(page)).toBe(
      renderTemplate('student.html', { ...studentView(forStudent(result), HTML_TEXT, []), css: reportCss() }),
    );
    expect(readText(page)).toContain('You forgot the factor 2');
  });

  it('match the grader’s public checks, check by check, on the sample class', async () => {
    const sample = join(KIT_ROOT, 'examples', 'sample-class');
    for (const student of readdirSync(sample, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)) {
      const root = join(sample, student);
      const graded = await byGrader(
        root,
        ASSIGNED.map((e) => e.id),
      );
      for (const expected of graded) {
        const loaded = expected.module.state === 'loaded';
        expect(verdicts(await byKit(root, expected.exercise), loaded), `${student} ${expected.exercise}`).toEqual(
          verdicts(expected, loaded),
        );
      }
    }
  }, 120_000);

  it('match the grader on every catalogued mistake of the handout’s exercises, each of which fails a public check and is named as itself', async () => {
    const unnamed: string[] = [];
    let failing = 0;
    const handedOut = CATALOGUE.filter((mistake) => ASSIGNED.some((e) => e.id === mistake.exercise));
    for (const mistake of handedOut) {
      const root = variantSubmission(
        join(scratch, 'catalogue', mistake.id.replace('/', '--')),
        mistake.exercise,
        exerciseFile(mistake.exercise),
        entryFile(mistake),
      );
      const [expected] = await byGrader(root, [mistake.exercise]);
      const result = await byKit(root, mistake.exercise);
      expect(verdicts(result, true), mistake.id).toEqual(verdicts(expected, true));
      if (result.score === result.maxScore) continue;
      failing++;
      if (result.diagnosis?.id !== mistake.id)
        unnamed.push(`${mistake.id}: ${result.diagnosis?.id ?? result.unrecognised ?? 'nothing'}`);
    }
    expect(unnamed).toEqual([]);
    expect(failing).toBe(handedOut.length);
  }, 120_000);
});
