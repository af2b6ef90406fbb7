import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_CHECKS } from '../../grader/grading';
import { EXIT } from '../../grader/cli/exit-codes';
import { EXERCISES } from '../../grader/shipped/contract/exercises';
import { buildGradescopeZip } from '../../grader/gradescope/build-zip';
import { validateGradescopeResults } from '../../grader/gradescope/results-schema';
import type { GradescopeResults } from '../../grader/gradescope/results-json';
import { studentEnv } from '../handout/support';
import { KIT_ROOT } from '../../grader/data/paths';
import { kitDefaultAssignment, readAssignment } from '../../grader/assignment/read-assignment';
import type { Assignment } from '../../grader/shipped/contract/assignment';

const scratch = mkdtempSync(join(tmpdir(), 'gradescope-test-'));
/** Stands in for Gradescope's /autograder; the zip is beside it. */
const root = join(scratch, 'autograder');
const zip = `${root}.zip`;
const SAMPLE = join(KIT_ROOT, 'examples', 'sample-class');
/** The zip is built for the default assignment: its checks are the ones graded. */
const GRADED_CHECKS = ALL_CHECKS.filter((c) => kitDefaultAssignment().exercises.includes(c.exercise));

/** Builds a zip (for `assignment`, or the default) and unzips it into a fresh stand-in for /autograder. */
async function unzipped(at: string, assignment?: Assignment): Promise<void> {
  const file = `${at}.zip`;
  await buildGradescopeZip({ out: file, assignment });
  mkdirSync(at);
  const unzip = spawnSync('unzip', ['-q', file, '-d', join(at, 'source')], { encoding: 'utf8' });
  if (unzip.status !== 0) throw new Error(`unzip failed: ${unzip.stderr}`);
  // Instead of setup.sh's `npm ci --omit=dev` (network, minutes): the kit's own node_modules, which hold the same locked versions.
  symlinkSync(join(KIT_ROOT, 'node_modules'), join(at, 'source', 'node_modules'), 'dir');
}

beforeAll(() => unzipped(root), 60_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Puts a submission where Gradescope puts it (under `at`, a stand-in for /autograder), runs run_autograder with the root override, and reads results.json. */
function grade(copy: (submission: string) => void, at = root) {
  rmSync(join(at, 'submission'), { recursive: true, force: true });
  rmSync(join(at, 'results'), { recursive: true, force: true });
  mkdirSync(join(at, 'submission'), { recursive: true });
  copy(join(at, 'submission'));
  const run = spawnSync(join(at, 'source', 'run_autograder'), [], {
    encoding: 'utf8',
    env: { ...studentEnv(), AUTOGRADER_ROOT: at },
    timeout: 120_000,
  });
  const path = join(at, 'results', 'results.json');
  const results = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as GradescopeResults) : undefined;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, results };
}

describe('npm run gradescope', () => {
  it('zips setup.sh, run_autograder, the grader, the reference, the catalogue and the locked package files, and no node_modules', () => {
    const listing = spawnSync('unzip', ['-Z1', zip], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const path of [
      'setup.sh',
      'run_autograder',
      'package.json',
      'package-lock.json',
      'tsconfig.json',
      'grader/cli/gradescope.ts',
      'grader/grading/index.ts',
      'grader/shipped/exercises/02-gradient/grading/mistakes/02-gradient/missing-factor-2.ts',
      'grader/sandbox/index.ts',
      'grader/shipped/door/realm-kit.js',
      'data/data.csv',
    ])
      expect(listing, path).toContain(path);
    for (const { id, file } of EXERCISES) expect(listing).toContain(`solutions/${id}/${file}`);
    expect(listing.filter((p) => /(^|\/)node_modules\//.test(p) || /^(tests|examples|reports)\//.test(p))).toEqual([]);
    for (const script of ['setup.sh', 'run_autograder'])
      expect(statSync(join(root, 'source', script)).mode & 0o111, script).not.toBe(0);
    const setup = readFileSync(join(root, 'source', 'setup.sh'), 'utf8');
    expect(setup).toContain('https://deb.nodesource.com/setup_24.x');
    expect(setup).toContain('npm ci --omit=dev');
  });

  it('refuses to overwrite a zip without --force, naming the file', async () => {
    await expect(buildGradescopeZip({ out: zip })).rejects.toThrow(`${zip} already exists: pass --force`);
    const cli = spawnSync('npm', ['run', '--silent', 'gradescope', '--', '--out', zip], {
      cwd: KIT_ROOT,
      encoding: 'utf8',
      env: studentEnv(),
    });
    expect(cli.status).toBe(EXIT.OUTPUT);
    expect(cli.stderr).toContain(zip);
  }, 60_000);
});

describe('run_autograder', () => {
  it('grades a complete submission with full marks into a valid results.json', () => {
    const run = grade((submission) => cpSync(join(SAMPLE, 'ada-complete'), submission, { recursive: true }));
    expect(run.status, run.stderr).toBe(0);
    expect(validateGradescopeResults(run.results)).toEqual([]);
    expect(run.results!.score).toBe(100);
    expect(run.results!.tests).toHaveLength(GRADED_CHECKS.length);
    expect(run.results!.tests.every((t) => t.status === 'passed')).toBe(true);
    expect(run.results!.tests.filter((t) => t.visibility === 'after_published')).toHaveLength(
      GRADED_CHECKS.filter((c) => c.visibility === 'hidden').length,
    );
    expect(
      (run.results!.extra_data as { isolation: { name: string; active: boolean }[] }).isolation.find(
        (l) => l.name === 'child process',
      )?.active,
    ).toBe(true);
  }, 120_000);

  it('grades a broken submission: the file that does not compile scores 0, the rest as usual', () => {
    const run = grade((submission) => cpSync(join(SAMPLE, 'gus-syntax-error'), submission, { recursive: true }));
    expect(run.status, run.stderr).toBe(0);
    expect(validateGradescopeResults(run.results)).toEqual([]);
    const gradient = run.results!.tests.filter((t) => t.name.startsWith('02-gradient: '));
    expect(gradient.every((t) => t.score === 0 && t.status === 'failed')).toBe(true);
    expect(gradient[0].output).toMatch(/does not compile/);
    expect(run.results!.score).toBe(
      100 - ALL_CHECKS.filter((c) => c.exercise === '02-gradient').reduce((s, c) => s + c.points, 0),
    );
  }, 120_000);

  it('prints replay lines a student runs in their handout checkout, never the kit’s npm run check -- <submission>', () => {
    const run = grade((submission) => cpSync(join(SAMPLE, 'eli-missing-factor-2'), submission, { recursive: true }));
    expect(run.status, run.stderr).toBe(0);
    const seed = (run.results!.extra_data as { seed: number }).seed;
    const text = JSON.stringify(run.results);
    expect(text).not.toContain('<submission>');
    const handoutCommand = new RegExp(`^npm run check -- --check [\\w/-]+ --seed ${seed}( --path "[\\d:]+")?$`);
    const visible = run.results!.tests.filter((t) => t.visibility === 'visible' && t.status === 'failed');
    expect(visible.length).toBeGreaterThan(0);
    for (const test of visible)
      expect(/^Rerun it in your handout checkout: (.*)$/m.exec(test.output)?.[1], test.name).toMatch(handoutCommand);
    expect(/^ {2}replay: (.*)$/m.exec(run.results!.output)?.[1]).toMatch(handoutCommand);
  }, 120_000);

  it('explains an upload with no exercise in it, with 0 points and a valid results.json', () => {
    const run = grade(() => undefined);
    expect(run.status, run.stderr).toBe(0);
    expect(validateGradescopeResults(run.results)).toEqual([]);
    expect(run.results).toMatchObject({
      score: 0,
      tests: [],
      output: expect.stringContaining('No exercise was found'),
    });
  }, 120_000);
});

describe('a zip built for another assignment', () => {
  const beyond = join(scratch, 'autograder-beyond');
  const assignment = readAssignment(join(KIT_ROOT, 'assignments', 'beyond-the-seeds.json'));
  beforeAll(() => unzipped(beyond, assignment), 60_000);

  it('carries it as assignments/graded.json and grades its exercises, 01–11', () => {
    expect(readAssignment(join(beyond, 'source', 'assignments', 'graded.json'))).toEqual(assignment);
    expect(readAssignment(join(root, 'source', 'assignments', 'graded.json'))).toEqual(kitDefaultAssignment());
    const run = grade((submission) => cpSync(join(SAMPLE, 'ada-complete'), submission, { recursive: true }), beyond);
    expect(run.status, run.stderr).toBe(0);
    expect(validateGradescopeResults(run.results)).toEqual([]);
    const graded = ALL_CHECKS.filter((c) => assignment.exercises.includes(c.exercise));
    expect(run.results!.tests).toHaveLength(graded.length);
    expect(run.results!.score).toBe(graded.reduce((s, c) => s + c.points, 0));
    expect(new Set(run.results!.tests.map((t) => t.name.split(':')[0]))).toEqual(new Set(assignment.exercises));
  }, 120_000);
});
