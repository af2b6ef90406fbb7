import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../grader/cli/exit-codes';
import { KIT_ROOT } from '../../grader/data/paths';
import { ALL_CHECKS } from '../../grader/grading';
import { autograderFiles, GRADED_ASSIGNMENT_FILE } from '../../grader/gradescope/build-zip';
import type { GradescopeResults } from '../../grader/gradescope/results-json';
import { buildClassroom50Bundle, imageTag, type BundleSummary } from '../../grader/classroom50/build-bundle';
import { classroom50Schema, validateClassroom50Result } from '../../grader/classroom50/result-schema';
import { wholePoints, type Classroom50Result } from '../../grader/classroom50/result-json';
import { releaseBody, RELEASE_OUTPUT_LIMIT } from '../../grader/classroom50/release-body';
import { kitDefaultAssignment } from '../../grader/assignment/read-assignment';
import { filesUnder, studentEnv } from '../handout/support';

const SEED = 31337;
const scratch = mkdtempSync(join(tmpdir(), 'classroom50-test-'));
const bundleDir = join(scratch, 'bundle');
/** Stands in for the image's /opt/gradient-descent-kit: the kit's own node_modules hold the same locked versions. */
const deps = join(scratch, 'deps');
const FIXTURES = join(KIT_ROOT, 'tests', 'fixtures');
const EXERCISES = kitDefaultAssignment().exercises;
const maxPoints = ALL_CHECKS.filter((c) => EXERCISES.includes(c.exercise)).reduce((s, c) => s + c.points, 0);
const pointsOf = (exercise: string) =>
  ALL_CHECKS.filter((c) => c.exercise === exercise).reduce((s, c) => s + c.points, 0);
let bundle: BundleSummary;

beforeAll(() => {
  if (spawnSync('python3', ['--version']).status !== 0)
    throw new Error(
      'tests/classroom50 runs autograder.py with python3, which is not on PATH: install it (apt-get install python3)',
    );
  bundle = buildClassroom50Bundle({ out: bundleDir, image: 'ghcr.io/example-course/gd-grader' });
  mkdirSync(deps);
  symlinkSync(join(KIT_ROOT, 'node_modules'), join(deps, 'node_modules'), 'dir');
  copyFileSync(join(KIT_ROOT, 'package-lock.json'), join(deps, 'package-lock.json'));
}, 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A student's checkout of the handout: the correct style `kahan`, with `change` applied. */
function checkout(name: string, change: (exercises: string) => void = () => undefined): string {
  const dir = join(scratch, 'checkouts', name);
  mkdirSync(join(dir, 'exercises'), { recursive: true });
  cpSync(join(FIXTURES, 'correct', 'kahan'), join(dir, 'exercises'), { recursive: true });
  writeFileSync(join(dir, 'README.md'), '# My gradient descent\n');
  change(join(dir, 'exercises'));
  return dir;
}

const CLASSROOM50_ENV = {
  CLASSROOM: 'ml-fall',
  ASSIGNMENT: 'gradient-descent',
  OWNER: 'ada',
  USERNAME: 'ada',
  ASSIGNMENT_TYPE: 'individual',
  SUBMISSION_TAG: 'submit/2026-12-01T10-00-00Z-abc1234',
  COMMIT_URL: 'https://github.com/ml-fall/ml-fall-gradient-descent-ada/commit/abc1234',
  RELEASE_URL: 'https://github.com/ml-fall/ml-fall-gradient-descent-ada/releases/tag/submit%2F2026',
  REVIEW_URL: 'https://github.com/ml-fall/ml-fall-gradient-descent-ada/compare/000...abc1234',
};

/** Runs autograder.py as Classroom 50's runner does: python3, the checkout as the working folder, the identity in the environment. */
function autograde(dir: string, env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync('python3', [join(bundleDir, 'autograder.py')], {
    cwd: dir,
    encoding: 'utf8',
    env: {
      ...studentEnv(),
      ...CLASSROOM50_ENV,
      GRADIENT_DESCENT_KIT_DEPS: deps,
      GRADIENT_DESCENT_KIT_SEED: String(SEED),
      ...env,
    },
    timeout: 180_000,
  });
  const path = join(dir, 'result.json');
  const result = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Classroom50Result) : undefined;
  const body = existsSync(join(dir, 'release-body.md')) ? readFileSync(join(dir, 'release-body.md'), 'utf8') : '';
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, result, body };
}

/** `npm run check -- <dir> --json` on the same seed: Gradescope's results.json, whose score Classroom 50's must equal. */
function checkScore(dir: string): number {
  const run = spawnSync('npm', ['run', '--silent', 'check', '--', dir, '--json', '--seed', String(SEED)], {
    cwd: KIT_ROOT,
    encoding: 'utf8',
    env: studentEnv(),
    timeout: 180_000,
  });
  return (JSON.parse(run.stdout) as GradescopeResults).score;
}

/** What every result.json must be: valid against the published schema, whole points that add up, the runner's identity; a row per public check and one for each exercise's hidden checks, which names none of them. */
function expectWellFormed(run: ReturnType<typeof autograde>) {
  expect(run.status, run.stderr).toBe(0);
  expect(validateClassroom50Result(run.result)).toEqual([]);
  const result = run.result!;
  expect(result).toMatchObject({
    classroom: 'ml-fall',
    assignment: 'gradient-descent',
    owner: 'ada',
    submission: CLASSROOM50_ENV.SUBMISSION_TAG,
    commit: CLASSROOM50_ENV.COMMIT_URL,
    review: CLASSROOM50_ENV.REVIEW_URL,
  });
  expect(result.score).toBe(result.tests.reduce((s, t) => s + t.score, 0));
  expect(result['max-score']).toBe(maxPoints);
  expect(new Set(result.tests.map((t) => t['test-name'])).size).toBe(result.tests.length);
  const shown = JSON.stringify(result) + run.body;
  expect(ALL_CHECKS.filter((c) => c.visibility === 'hidden' && shown.includes(c.id)).map((c) => c.id)).toEqual([]);
  const hiddenRows = result.tests.filter((t) => / hidden checks$/.test(t['test-name']));
  expect(
    hiddenRows.every((t) =>
      /^\d+ of \d+ hidden checks passed\. Their names, inputs and messages are not shown\.$/.test(t.output),
    ),
  ).toBe(true);
  if (result.tests.some((t) => !/: nothing to grade$/.test(t['test-name'])))
    for (const exercise of EXERCISES) {
      const checks = ALL_CHECKS.filter((c) => c.exercise === exercise);
      const rows = result.tests.filter((t) => t['test-name'].startsWith(`${exercise}: `)).map((t) => t['test-name']);
      expect(rows, exercise).toEqual([
        ...checks.filter((c) => c.visibility === 'public').map((c) => `${exercise}: ${c.title}`),
        `${exercise}: hidden checks`,
      ]);
    }
  return result;
}

describe('npm run classroom50', () => {
  it('writes autograder.py, the Gradescope selection of the kit under kit/, the assignment, and a runtime block naming an image tagged by the lockfile', () => {
    const files = filesUnder(bundleDir).sort();
    expect(files).toEqual(
      [
        'autograder.py',
        'Dockerfile',
        'README.md',
        'runtime.json',
        ...autograderFiles().map((f) => `kit/${f}`),
        `kit/${GRADED_ASSIGNMENT_FILE}`,
      ].sort(),
    );
    expect(files.filter((f) => /^kit\/(node_modules|tests|examples|reports)\//.test(f))).toEqual([]);
    expect(statSync(join(bundleDir, 'autograder.py')).mode & 0o111).not.toBe(0);
    const image = `ghcr.io/example-course/gd-grader:${imageTag(readFileSync(join(KIT_ROOT, 'package-lock.json')))}`;
    expect(JSON.parse(readFileSync(join(bundleDir, 'runtime.json'), 'utf8'))).toEqual({ container: { image } });
    expect(bundle.image).toBe(image);
    expect(readFileSync(join(bundleDir, 'README.md'), 'utf8')).toContain(`docker build -t ${image} -f Dockerfile kit`);
    expect(bundle.packedBytes).toBeLessThan(10 * 1024 * 1024);
  });

  it('installs nothing at grading time: autograder.py uses Python’s standard library and no installer, and the image is on the Node the Gradescope autograder installs', () => {
    const python = readFileSync(join(bundleDir, 'autograder.py'), 'utf8');
    const imports = [...python.matchAll(/^(?:import|from) (\w+)/gm)].map((m) => m[1]);
    expect(new Set(imports)).toEqual(new Set(['os', 'pathlib', 'shutil', 'subprocess', 'sys']));
    expect(python).not.toMatch(/npm (ci|install|i)\b|pip3? install|ensurepip|apt(-get)? install|curl|wget|urllib/);
    const dockerfile = readFileSync(join(bundleDir, 'Dockerfile'), 'utf8');
    const setup = readFileSync(join(KIT_ROOT, 'grader', 'gradescope', 'setup.sh'), 'utf8');
    const nodeMajor = /^FROM node:(\d+)-/m.exec(dockerfile)?.[1];
    expect(nodeMajor).toBe(/setup_(\d+)\.x/.exec(setup)?.[1]);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/COPY package\.json package-lock\.json/);
  });

  it('carries the assignment given with --assignment, and refuses a folder that is not empty, naming it', () => {
    const out = join(scratch, 'beyond');
    const assignment = join(KIT_ROOT, 'assignments', 'beyond-the-seeds.json');
    const build = (args: string[]) =>
      spawnSync('npm', ['run', '--silent', 'classroom50', '--', '--out', out, ...args], {
        cwd: KIT_ROOT,
        encoding: 'utf8',
        env: studentEnv(),
        timeout: 120_000,
      });
    const first = build(['--assignment', assignment]);
    expect(first.status, first.stderr).toBe(EXIT.OK);
    expect(JSON.parse(readFileSync(join(out, 'kit', GRADED_ASSIGNMENT_FILE), 'utf8')).exercises).toEqual(
      JSON.parse(readFileSync(assignment, 'utf8')).exercises,
    );
    const again = build([]);
    expect(again.status).toBe(EXIT.OUTPUT);
    expect(again.stderr).toContain(out);
    expect(again.stderr).toContain('--force');
  }, 240_000);
});

describe('autograder.py on a student’s checkout', () => {
  it('gives a correct style full marks, as npm run check does on the same seed', () => {
    const dir = checkout('correct');
    const run = autograde(dir);
    const result = expectWellFormed(run);
    expect(result.score).toBe(maxPoints);
    expect(result.score).toBe(checkScore(dir));
    expect(result.tests.every((t) => t.passed)).toBe(true);
    for (const exercise of EXERCISES) {
      const hidden = result.tests.filter((t) => t['test-name'] === `${exercise}: hidden checks`);
      expect(hidden, exercise).toHaveLength(1);
      expect(hidden[0]['max-score']).toBe(
        ALL_CHECKS.filter((c) => c.exercise === exercise && c.visibility === 'hidden').reduce(
          (s, c) => s + c.points,
          0,
        ),
      );
    }
    expect(run.body).toContain(`### Gradient descent: ${maxPoints}/${maxPoints}`);
    expect(run.body).toContain(`Seed ${SEED}`);
  }, 240_000);

  it('takes the points of a slip away, names what failed, and agrees with npm run check', () => {
    const dir = checkout('slip', (exercises) =>
      copyFileSync(join(FIXTURES, 'slips', '01-cost', 'half-mean.ts'), join(exercises, '01-cost', 'cost.ts')),
    );
    const run = autograde(dir);
    const result = expectWellFormed(run);
    expect(result.score).toBeLessThan(maxPoints);
    expect(result.score).toBe(checkScore(dir));
    const failed = result.tests.filter((t) => !t.passed);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((t) => t['test-name'].startsWith('01-cost: '))).toBe(true);
    expect(run.body).toContain('What failed');
    const replays = failed.flatMap((t) => t.output.split('\n')).filter((line) => /npm run check/.test(line));
    expect(replays.length).toBeGreaterThan(0);
    for (const line of replays) expect(line).toMatch(/npm run check -- --check 01-cost\/\S+ --seed \d+/);
    expect(JSON.stringify(result) + run.body).not.toContain('<submission>');
  }, 240_000);

  it('grades a file that does not compile as 0 for its exercise, saying so, and the rest as usual', () => {
    const dir = checkout('syntax-error', (exercises) =>
      writeFileSync(join(exercises, '02-gradient', 'gradient.ts'), 'export function computeGradient(points {\n'),
    );
    const run = autograde(dir);
    const result = expectWellFormed(run);
    const gradient = result.tests.filter((t) => t['test-name'].startsWith('02-gradient: '));
    expect(gradient.every((t) => !t.passed && t.score === 0)).toBe(true);
    expect(gradient[0].output).toMatch(/does not compile/);
    expect(result.score).toBe(maxPoints - pointsOf('02-gradient'));
    expect(result.score).toBe(checkScore(dir));
  }, 240_000);

  it('grades a missing exercise folder as 0 for that exercise, saying so', () => {
    const dir = checkout('missing-folder', (exercises) =>
      rmSync(join(exercises, '06-learning-rate'), { recursive: true }),
    );
    const run = autograde(dir);
    const result = expectWellFormed(run);
    const missing = result.tests.filter((t) => t['test-name'].startsWith('06-learning-rate: '));
    expect(missing.every((t) => !t.passed && t.score === 0)).toBe(true);
    expect(missing[0].output).toMatch(/missing|not found|no file/i);
    expect(result.score).toBe(maxPoints - pointsOf('06-learning-rate'));
    expect(result.score).toBe(checkScore(dir));
  }, 240_000);

  it('explains an empty checkout: 0 of the assignment’s points, one failing test per exercise saying what to commit', () => {
    const dir = join(scratch, 'checkouts', 'empty');
    mkdirSync(join(dir, '.github', 'workflows'), { recursive: true });
    writeFileSync(join(dir, '.classroom50.yaml'), 'classroom: ml-fall\nassignment: gradient-descent\n');
    const run = autograde(dir);
    const result = expectWellFormed(run);
    expect(result.score).toBe(0);
    expect(result.tests.map((t) => t['test-name'])).toEqual(EXERCISES.map((e) => `${e}: nothing to grade`));
    expect(result.tests.every((t) => !t.passed && /No exercise was found/.test(t.output))).toBe(true);
    expect(run.body).toContain('Nothing was graded');
  }, 240_000);

  it('replaces a result.json the student committed, without writing through a link', () => {
    const dir = join(scratch, 'checkouts', 'forged');
    mkdirSync(dir, { recursive: true });
    const outside = join(scratch, 'outside.json');
    writeFileSync(outside, 'untouched\n');
    symlinkSync(outside, join(dir, 'result.json'));
    writeFileSync(join(dir, 'release-body.md'), '### 100/100\n');
    const run = autograde(dir);
    const result = expectWellFormed(run);
    expect(result.score).toBe(0);
    expect(lstatSync(join(dir, 'result.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(outside, 'utf8')).toBe('untouched\n');
    expect(run.body).not.toContain('100/100');
  }, 240_000);

  it('stops with an infrastructure error, writing no result, when the image’s dependencies are missing or from another lockfile', () => {
    const dir = checkout('no-image');
    const missing = autograde(dir, { GRADIENT_DESCENT_KIT_DEPS: join(scratch, 'nowhere') });
    expect(missing.status).toBe(1);
    expect(missing.result).toBeUndefined();
    expect(missing.stderr).toMatch(/::error::.*no grader dependencies in .*nowhere.*runtime\.json names/);
    const stale = join(scratch, 'stale-deps');
    mkdirSync(stale);
    symlinkSync(join(KIT_ROOT, 'node_modules'), join(stale, 'node_modules'), 'dir');
    writeFileSync(join(stale, 'package-lock.json'), '{}\n');
    const other = autograde(dir, { GRADIENT_DESCENT_KIT_DEPS: stale });
    expect(other.status).toBe(1);
    expect(other.result).toBeUndefined();
    expect(other.stderr).toMatch(/another package-lock\.json/);
  }, 60_000);
});

describe('the result.json schema', () => {
  const valid = (): Record<string, unknown> => ({
    schema: 'classroom50/result/v1',
    classroom: 'c',
    assignment: 'a',
    assignment_type: 'individual',
    owner: 'o',
    submission: 'submit/x',
    commit: 'u',
    release: 'u',
    review: 'u',
    datetime: '2026-12-01T10:00:00Z',
    score: 1,
    'max-score': 2,
    tests: [{ 'test-name': 't', passed: false, score: 1, 'max-score': 2, output: 'kept' }],
  });

  it('is the published classroom50/result/v1, with where it was copied from', () => {
    expect(classroom50Schema.title).toBe('classroom50/result/v1');
    expect(String(classroom50Schema.$comment)).toMatch(
      /github\.com\/foundation50\/classroom50\/blob\/[0-9a-f]{40}\/schemas\/result-v1\.schema\.json/,
    );
    expect(validateClassroom50Result(valid())).toEqual([]);
  });

  it('refuses what Classroom 50’s runner refuses: fractional points, a score above its maximum, a missing field, an unknown one', () => {
    const withChange = (change: (r: Record<string, unknown>) => void) => {
      const r = valid();
      change(r);
      return validateClassroom50Result(r);
    };
    expect(withChange((r) => (r.score = 1.5))).not.toEqual([]);
    expect(withChange((r) => (r.score = 3))).toEqual([expect.stringContaining('more than max-score')]);
    expect(withChange((r) => ((r.tests as Record<string, unknown>[])[0].score = 3)).join()).toContain('tests/0');
    expect(withChange((r) => delete r.owner)).not.toEqual([]);
    expect(withChange((r) => (r.message = 'x'))).not.toEqual([]);
    expect(withChange((r) => (r.submission = 'v1'))).not.toEqual([]);
  });

  it('rounds fractional points down, never above what was earned, to within float error', () => {
    expect(wholePoints(2.5)).toBe(2);
    expect(wholePoints(0.1 + 0.2 + 0.7)).toBe(1);
    expect(wholePoints(2.9999999999999)).toBe(3);
    expect(wholePoints(0)).toBe(0);
    expect(ALL_CHECKS.every((c) => Number.isInteger(c.points))).toBe(true);
  });
});

describe('release-body.md', () => {
  it('keeps a test’s output inside its fence, whatever backticks it holds, and clips a long one', () => {
    const output = `\`\`\`\`\n</details>\n# forged heading\n${'x'.repeat(3 * RELEASE_OUTPUT_LIMIT)}`;
    const result = {
      schema: 'classroom50/result/v1',
      classroom: 'c',
      assignment: 'a',
      assignment_type: 'individual',
      owner: 'o',
      submission: 'submit/x',
      commit: 'u',
      release: 'u',
      review: 'u',
      datetime: '2026-12-01T10:00:00Z',
      graded_at: '2026-12-01T10:00:00Z',
      score: 0,
      'max-score': 1,
      tests: [{ 'test-name': '01-cost: a | b', passed: false, score: 0, 'max-score': 1, output }],
    } as const;
    const body = releaseBody(result, { nothingToGrade: 'nothing', seed: 1, seconds: 0 });
    const fence = /^(`{5,})text$/m.exec(body)?.[1];
    expect(fence).toBeDefined();
    const inside = body.slice(body.indexOf(`${fence}text\n`), body.lastIndexOf(`\n${fence}`));
    expect(inside).toContain('# forged heading');
    expect(
      body
        .replace(inside, '')
        .split('\n')
        .filter((line) => line === '</details>'),
    ).toHaveLength(1);
    expect(body).toContain('| 01-cost: a \\| b | FAIL | 0 / 1 |');
    expect(body).toContain(`${output.length - RELEASE_OUTPUT_LIMIT} more characters in result.json`);
    expect(body.length).toBeLessThan(RELEASE_OUTPUT_LIMIT + 2000);
  });
});
