import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PUBLISHED_RUN } from '../../grader/shipped/exercises/04-descent/grading/checks';
import { EXIT } from '../../grader/cli/exit-codes';
import { KIT_ROOT } from '../../grader/data/paths';

const scratch = mkdtempSync(join(tmpdir(), 'cli-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const SAMPLE = join(KIT_ROOT, 'examples', 'sample-class');

/** Runs an npm script the way a user does: through npm and ts-node. */
function npmRun(script: string, args: string[]) {
  const run = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: KIT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run train', () => {
  it('reproduces the seeds’ published run on data.csv', () => {
    const { code, stdout } = npmRun('train', []);
    expect(code).toBe(EXIT.OK);
    const numbers = (line: string) => [...line.matchAll(/= (-?[\d.e+-]+)/g)].map((m) => Number(m[1]));
    const [start, , end] = stdout.trim().split('\n');
    const [, , startError] = numbers(start);
    const [b, m, error] = numbers(end);
    const close = (actual: number, published: number) => Math.abs(actual - published) / Math.abs(published);
    expect(close(startError, PUBLISHED_RUN.startError)).toBeLessThan(1e-12);
    expect(close(b, PUBLISHED_RUN.b)).toBeLessThan(1e-12);
    expect(close(m, PUBLISHED_RUN.m)).toBeLessThan(1e-12);
    expect(close(error, PUBLISHED_RUN.error)).toBeLessThan(1e-12);
  });

  it('runs a submission’s own gradientDescent, and names a bad flag or file', () => {
    expect(npmRun('train', ['--from', join(SAMPLE, 'ada-complete'), '--iterations', '10']).stdout).toMatch(
      /After 10 iterations b = 0\.0\d+/,
    );
    expect(npmRun('train', ['--lr', 'fast'])).toMatchObject({
      code: EXIT.USAGE,
      stderr: expect.stringContaining('--lr must be a number'),
    });
    expect(npmRun('train', ['--data', join(scratch, 'missing.csv')])).toMatchObject({
      code: EXIT.INPUT,
      stderr: expect.stringContaining('missing.csv'),
    });
    writeFileSync(join(scratch, 'bad.csv'), '1,2\n3,oops\n');
    expect(npmRun('train', ['--data', join(scratch, 'bad.csv')])).toMatchObject({
      code: EXIT.INPUT,
      stderr: expect.stringContaining('bad.csv:2'),
    });
  });
});

describe('npm run check', () => {
  it('prints a summary per exercise, and exits 0 only for full marks', () => {
    const complete = npmRun('check', [join(SAMPLE, 'ada-complete')]);
    expect(complete.code).toBe(EXIT.OK);
    expect(complete.stdout).toMatch(/100\/100/);
    const broken = npmRun('check', [join(SAMPLE, 'gus-syntax-error')]);
    expect(broken.code).toBe(EXIT.CHECKS_FAILED);
    expect(broken.stdout).toMatch(/02-gradient\s+0\/20/);
    expect(broken.stdout).toMatch(/06-learning-rate\s+15\/15/);
  });

  it('prints what a submission throws only in escaped form: no escape sequence, bell, carriage return or bidi override reaches the terminal', () => {
    const student = join(scratch, 'terminal-attack');
    cpSync(join(KIT_ROOT, 'exercises'), student, { recursive: true });
    // Clear the screen, set the window title, write the clipboard (OSC 52), go back to the line's start and fake a passing line; C1's CSI and a bidi override too.
    const attack =
      '\\u001b[2J\\u001b[H\\u001b]0;graded\\u0007\\u001b]52;c;ZXZpbA==\\u0007\\r  ✓ 01-cost            15/15\\n  ✓ 02-gradient        20/20\\u009b2J\\u202e';
    writeFileSync(
      join(student, '01-cost', 'cost.ts'),
      `export function computeCost(): number {\n  throw new Error('${attack}');\n}\n`,
    );
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

    const summary = npmRun('check', [student]);
    expect(summary.code).toBe(EXIT.CHECKS_FAILED);
    expect(summary.stdout).not.toMatch(unsafe);
    expect(summary.stdout).toContain('\\x1b]52;c;ZXZpbA==\\x07\\r');
    expect(summary.stdout).toContain('\\x9b2J\\u202e');
    expect(summary.stdout.split('\n').filter((line) => /^\s*✓ 01-cost\s+15\/15/.test(line))).toEqual([]);
    expect(summary.stdout).toMatch(/✗ 01-cost\s+0\/15/);

    const json = npmRun('check', [student, '--json']);
    expect(json.stdout).not.toMatch(unsafe);
    // results.json itself holds the message escaped visibly, as Gradescope's page would show it.
    const outputs = (JSON.parse(json.stdout) as { tests: { output: string }[] }).tests.map((t) => t.output).join('\n');
    expect(outputs).not.toMatch(unsafe);
    expect(outputs).toContain('\\x1b]52;c;ZXZpbA==\\x07');

    const badPath = npmRun('check', [join(scratch, 'no\u001b]52;c;ZXZpbA==\u0007such')]);
    expect(badPath.code).toBe(EXIT.INPUT);
    expect(badPath.stderr).not.toMatch(unsafe);
    expect(badPath.stderr).toContain('no\\x1b]52;c;ZXZpbA==\\x07such');
  });

  it('prints Gradescope’s results.json with --json, every test named after its exercise', () => {
    const { stdout } = npmRun('check', [join(SAMPLE, 'cal-untouched'), '--json']);
    const results = JSON.parse(stdout);
    expect(results.score).toBe(0);
    expect(results.tests.length).toBeGreaterThan(50);
    for (const test of results.tests) expect(test.name).toMatch(/^0[1-6]-[a-z-]+: /);
  });

  it('replays one case from its check id, seed and path', () => {
    const { stdout } = npmRun('check', [
      join(SAMPLE, 'eli-missing-factor-2'),
      '--json',
      '--check',
      '02-gradient/matches-reference',
      '--seed',
      '7',
      '--path',
      '0',
    ]);
    const results = JSON.parse(stdout);
    expect(results.tests).toHaveLength(1);
    expect(results.tests[0]).toMatchObject({
      status: 'failed',
      extra_data: { check: '02-gradient/matches-reference' },
    });
  });
});

describe('npm run grade, on bad input, says what and where, and writes nothing', () => {
  const out = () => join(scratch, `out-${Math.random().toString(36).slice(2)}`);
  it.each([
    ['a missing submissions folder', () => [join(scratch, 'nope')], EXIT.INPUT, 'does not exist'],
    [
      'an empty submissions folder',
      () => {
        const dir = join(scratch, 'empty');
        mkdirSync(dir, { recursive: true });
        return [dir];
      },
      EXIT.INPUT,
      'has no student folders',
    ],
    [
      'an out folder inside the submissions',
      () => [SAMPLE, '--out', join(SAMPLE, 'graded')],
      EXIT.OUTPUT,
      'inside the submissions folder',
    ],
    [
      'an out folder that cannot be made',
      () => [SAMPLE, '--out', '/proc/graded'],
      EXIT.OUTPUT,
      'cannot write to /proc/graded',
    ],
    ['an unknown flag', () => ['--colour'], EXIT.USAGE, "unknown option '--colour'"],
    ['a bad seed', () => ['--seed', 'x'], EXIT.USAGE, '--seed must be'],
  ])('%s', (_, args, code, message) => {
    const target = out();
    const run = npmRun('grade', [...args(), ...(args().includes('--out') ? [] : ['--out', target])]);
    expect(run.code).toBe(code);
    expect(run.stderr).toContain(message);
    expect(existsSync(target) ? readdirSync(target) : []).toEqual([]);
    expect(existsSync(join(SAMPLE, 'graded'))).toBe(false);
  });
});

describe('npm run grade -- --no-reports', () => {
  it('writes results.json, the summary and the gradebook but no student reports; a later full run adds the reports', () => {
    const submissions = join(scratch, 'two-students');
    for (const student of ['ada-complete', 'eli-missing-factor-2'])
      cpSync(join(SAMPLE, student), join(submissions, student), { recursive: true });
    const out = join(scratch, 'results-only');
    const resultsOnly = npmRun('grade', [submissions, '--out', out, '--no-reports']);
    expect(resultsOnly.code).toBe(EXIT.OK);
    expect(readdirSync(out).sort()).toEqual(
      expect.arrayContaining(['ada-complete', 'eli-missing-factor-2', 'gradebook.csv', 'summary.html', 'summary.md']),
    );
    expect(readdirSync(join(out, 'eli-missing-factor-2')).sort()).toEqual(['grading.json', 'results.json']);

    const full = npmRun('grade', [submissions, '--out', out]);
    expect(full.code).toBe(EXIT.OK);
    expect(full.stdout).not.toContain('kept from the journal');
    expect(readdirSync(join(out, 'eli-missing-factor-2')).sort()).toEqual([
      'grading.json',
      'instructor.html',
      'instructor.md',
      'junit.xml',
      'report.html',
      'report.md',
      'results.json',
    ]);
  });
});
