/**
 * A built handout, run as a student runs it: the type check before any check (TypeScript from the
 * handout's own lockfile), the status every output gives while the hidden checks are pending (the
 * terminal, the feedback page, the GitHub job summary), replay lines that run as printed in the
 * checkout (its own `npm test`'s, and those of the grader's Gradescope feedback), and a README whose
 * sample output is this very output.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIT_ROOT } from '../../grader/data/paths';
import { CATALOGUE, entryFile } from '../../grader/diagnosis/catalogue';
import { gradeSubmission } from '../../grader/engine/grade-submission';
import { toGradescope } from '../../grader/gradescope/results-json';
import { buildHandout, type HandoutSummary } from '../../grader/handout/build-handout';
import { sampleWork, writeSampleWork } from '../../grader/handout/readme-sample';
import { ALL_CHECKS } from '../../grader/grading';
import { kitDefaultAssignment } from '../../grader/assignment/read-assignment';
import { EXERCISES, type ExerciseId } from '../../grader/shipped/contract/exercises';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { studentEnv } from './support';

const scratch = mkdtempSync(join(tmpdir(), 'handout-student-run-'));
const handout = join(scratch, 'gd-octocat');
let built: HandoutSummary;
let shipped: ExerciseId[];
let stubs: Map<string, string>;

const file = (id: ExerciseId) => `exercises/${id}/${ASSIGNED.find((e) => e.id === id)!.file}`;
const solution = (id: ExerciseId) => readFileSync(join(KIT_ROOT, 'solutions', id, basename(file(id))), 'utf8');
/** The handout is built for the default assignment: its exercises, and only their checks. */
const ASSIGNED = EXERCISES.filter((e) => kitDefaultAssignment().exercises.includes(e.id));
const ASSIGNED_CHECKS = ALL_CHECKS.filter((c) => kitDefaultAssignment().exercises.includes(c.exercise));
const PUBLIC = ASSIGNED_CHECKS.filter((c) => c.visibility === 'public');
const HIDDEN = ASSIGNED_CHECKS.filter((c) => c.visibility === 'hidden');

/** Words that claim a grade: none may appear while hidden points are pending. */
const COMPLETION = /well done|100\s*%|100 percent|all checks pass|all \d+ exercises pass|% of the points/i;

/** A command line in the handout, through the shell, as a student types it. */
function shell(line: string, env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync('sh', ['-c', line], {
    cwd: handout,
    encoding: 'utf8',
    env: { ...studentEnv(), ...env },
    timeout: 120_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Runs `line` with these exercise files in place of the stubs, then puts the stubs back. */
function withFiles(files: Partial<Record<ExerciseId, string>>, line: string, env: NodeJS.ProcessEnv = {}) {
  for (const [id, text] of Object.entries(files)) writeFileSync(join(handout, file(id as ExerciseId)), text!);
  try {
    return shell(line, env);
  } finally {
    for (const [path, text] of stubs) writeFileSync(join(handout, path), text);
  }
}

const solutions = () => Object.fromEntries(shipped.map((id) => [id, solution(id)])) as Record<ExerciseId, string>;

/** The summary `npm test` prints, from its first line to where the page is. */
function summaryOf(stdout: string): string {
  const start = stdout.indexOf('Gradient descent: ');
  const end = stdout.indexOf('\n', stdout.indexOf('Details, with every check'));
  return stdout.slice(start, end);
}

beforeAll(async () => {
  built = await buildHandout({ out: handout });
  shipped = JSON.parse(readFileSync(join(handout, 'exercises', '_kit', 'public', 'kit.json'), 'utf8')).exercises.map(
    (e: { exercise: ExerciseId }) => e.exercise,
  );
  stubs = new Map(shipped.map((id) => [file(id), readFileSync(join(handout, file(id)), 'utf8')]));
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: handout,
    encoding: 'utf8',
    env: studentEnv(),
  });
  if (install.status !== 0) throw new Error(`npm ci failed in the handout:\n${install.stderr}`);
}, 300_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the type check', () => {
  it('comes from the handout’s own lockfile: tsc runs without installing anything', () => {
    const lock = JSON.parse(readFileSync(join(handout, 'package-lock.json'), 'utf8'));
    const kitLock = JSON.parse(readFileSync(join(KIT_ROOT, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/typescript'].version).toBe(kitLock.packages['node_modules/typescript'].version);
    const tsc = shell('npx --no-install tsc --version');
    expect(tsc.stdout.trim()).toBe(`Version ${kitLock.packages['node_modules/typescript'].version}`);
  });

  it('reports a typo with file:line:col and the compiler’s message before any check runs, and checks nothing of that file', () => {
    const typo = solution('01-cost').replace(/\bline\.m\b/, 'line.mm');
    const lines = typo.split('\n');
    const row = lines.findIndex((l) => l.includes('line.mm'));
    const where = `${file('01-cost')}:${row + 1}:${lines[row].indexOf('line.mm') + 'line.'.length + 1}`;
    const run = withFiles({ ...solutions(), '01-cost': typo }, 'npm test');
    expect(run.status, run.stdout + run.stderr).not.toBe(0);
    const error = `${where} - error TS2339: Property 'mm' does not exist on type 'Line'.`;
    expect(run.stdout).toContain(`TypeScript found a type error before any check ran:\n  ${error}`);
    expect(run.stdout.indexOf(error)).toBeLessThan(run.stdout.indexOf('Gradient descent: '));
    expect(run.stdout).toMatch(/✗ 01-cost\s+0\/\d+\s+does not type-check/);
    expect(run.stdout).toContain(`did not run, because the file does not type-check: ${error}`);
    // The other exercises are checked: those that need no cost pass; 04 calls the cost, which is NaN at run time.
    expect(run.stdout.match(/does not type-check$/gm)).toHaveLength(1);
    expect(run.stdout).toMatch(/✓ 02-gradient\s/);
    expect(run.stdout).toMatch(/✗ 04-descent\s+0\/\d+\s+fix 01-cost first/);
    const typecheck = withFiles({ '01-cost': typo }, 'npm run --silent typecheck');
    expect(typecheck.status).not.toBe(0);
    expect(typecheck.stdout).toContain(`Property 'mm' does not exist on type 'Line'`);
  });

  it('is strict: an implicit any stops the exercise too', () => {
    const untyped = `${solution('01-cost')}\nexport function helper(points) {\n  return points;\n}\n`;
    const run = withFiles({ '01-cost': untyped }, 'npm test -- 01-cost');
    expect(run.stdout).toMatch(/error TS7006: Parameter 'points' implicitly has an 'any' type\./);
    expect(run.stdout).toMatch(/✗ 01-cost\s+0\/\d+\s+does not type-check/);
  });

  it('lets a console.log in an exercise file through: the realm it runs in has a console, silent there', () => {
    const chatty = solution('01-cost').replace(
      /(export function computeCost\([^)]*\)[^{]*\{)/,
      "$1\n  console.log('here');",
    );
    expect(chatty).toContain("console.log('here');");
    const run = withFiles({ '01-cost': chatty }, 'npm test -- 01-cost');
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain('TypeScript found');
    expect(run.stdout).toMatch(/✓ 01-cost\s/);
  });
});

describe('the status while hidden checks are pending', () => {
  it('says public checks N/N passed and what the hidden checks are worth, in the terminal, the page and the job summary, and never 100 % or well done', () => {
    const jobSummary = join(scratch, 'step-summary.md');
    writeFileSync(jobSummary, '');
    const run = withFiles(solutions(), 'npm test', { GITHUB_STEP_SUMMARY: jobSummary });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const status = `ublic checks ${built.publicChecks}/${built.publicChecks} passed; hidden checks worth ${built.hiddenPoints} points run when your work is graded.`;
    const page = readFileSync(join(handout, 'feedback', 'report.html'), 'utf8')
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/ style="[^"]*"/g, '');
    const markdown = readFileSync(jobSummary, 'utf8');
    for (const [where, text] of [
      ['terminal', run.stdout],
      ['feedback page', page],
      ['job summary', markdown],
    ]) {
      expect(text, where).toContain(status);
      expect(text, where).not.toMatch(COMPLETION);
    }
    expect(built.hiddenPoints).toBe(
      HIDDEN.filter((c) => shipped.includes(c.exercise)).reduce((s, c) => s + c.points, 0),
    );
    for (const id of shipped) expect(markdown).toMatch(new RegExp(`\\| ✓ passed \\| ${id} \\| (\\d+)/\\1 \\|`));
  });
});

describe('replay lines', () => {
  it('from npm test run as printed, and show that check in full', () => {
    const mistake = CATALOGUE.find((e) => e.id === '02-gradient/missing-factor-2')!;
    const files = { ...solutions(), '02-gradient': readFileSync(entryFile(mistake), 'utf8') };
    const run = withFiles(files, 'npm test');
    const replay = /^ {2}replay: (.*)$/m.exec(run.stdout)?.[1];
    expect(replay).toBe('npm run check -- --check 02-gradient/worked-examples');
    const message = /^Where to look: .*\n {2}(.*)$/m.exec(run.stdout)![1];
    const check = withFiles(files, replay!);
    expect(check.status, check.stdout + check.stderr).toBe(1);
    expect(check.stdout).toContain('02-gradient › matches the worked examples: failed');
    expect(check.stdout).toContain(message);
    expect(check.stdout).toContain(`Likely mistake: ${mistake.name}.`);
  });

  it('lists the public checks, and refuses a folder argument or an unknown check with what to do', () => {
    const list = shell('npm run --silent check');
    expect(list.status).toBe(0);
    for (const c of PUBLIC.filter((p) => shipped.includes(p.exercise))) expect(list.stdout).toContain(c.id);
    const folder = shell('npm run --silent check -- ../alice --check 01-cost/non-negative');
    expect(folder.status).toBe(2);
    expect(folder.stdout).toContain('takes no folder: drop "../alice"');
    const hidden = HIDDEN[0].id;
    const unknown = shell(`npm run --silent check -- --check ${hidden}`);
    expect(unknown.status).toBe(2);
    expect(unknown.stdout).toContain(
      'is not a public check of this handout. Hidden checks run only when your work is graded',
    );
  });

  it('from the grader’s Gradescope feedback run as printed in the checkout, and replay the grader’s own case', async () => {
    const reference = readSubmission(join(KIT_ROOT, 'solutions'), 'reference');
    const entries = ['01-cost/forgot-to-square', '01-cost/sum-not-mean', '02-gradient/missing-factor-2'].map((id) =>
      CATALOGUE.find((e) => e.id === id)!,
    );
    let exact = 0;
    for (const mistake of entries) {
      const files = { ...solutions(), [mistake.exercise]: readFileSync(entryFile(mistake), 'utf8') };
      for (const [id, text] of Object.entries(files)) writeFileSync(join(handout, file(id as ExerciseId)), text);
      const submission = readSubmission(handout, 'octocat');
      const graded = await gradeSubmission(submission, new InProcessPort(submission, reference), {
        seed: 1795316402,
        plots: false,
      });
      const json = JSON.stringify(toGradescope(graded));
      expect(json).not.toContain('<submission>');
      for (const test of toGradescope(graded).tests.filter(
        (t) => t.status === 'failed' && t.visibility === 'visible',
      )) {
        const replay = /^Rerun it in your handout checkout: (.*)$/m.exec(test.output)?.[1];
        expect(replay, test.name).toMatch(/^npm run check -- --check \S+ --seed 1795316402( --path "[\d:]+")?$/);
        const check = shell(replay!);
        expect(check.status, `${replay}\n${check.stdout}${check.stderr}`).toBe(1);
        const graderCheck = graded.exercises.flatMap((e) => e.checks).find((c) => c.id === test.extra_data!.check)!;
        if (check.stdout.includes('the handout carries its inputs for seed')) continue;
        expect(check.stdout, replay).toContain(graderCheck.message.replaceAll('<submission>/', ''));
        exact++;
      }
      for (const [path, text] of stubs) writeFileSync(join(handout, path), text);
    }
    expect(exact).toBeGreaterThan(0);
  }, 180_000);
});

describe('the README', () => {
  it('shows the real output of npm test on the work it describes', () => {
    const readme = readFileSync(join(handout, 'README.md'), 'utf8');
    const sample = /## What `npm test` tells you[\s\S]*?```\n([\s\S]*?)\n```/.exec(readme)![1];
    const work = sampleWork(shipped);
    writeSampleWork(handout, shipped, work);
    try {
      const run = shell('npm test');
      expect(sample).toBe(summaryOf(run.stdout));
      expect(sample).toContain(`Gradient descent: ${basename(handout)}  public`);
    } finally {
      for (const [path, text] of stubs) writeFileSync(join(handout, path), text);
    }
  });

  it('shows the real output of the type check on the typo it names', () => {
    const readme = readFileSync(join(handout, 'README.md'), 'utf8');
    const [, typo, path, sample] = /With\s+`([^`]+)` in `([^`]+)`:\n\n```\n([\s\S]*?)\n```/.exec(readme)!;
    const stub = stubs.get(path)!;
    const run = withFiles(
      { '01-cost': stub.replace(/^\s*throw new Error\('not implemented yet.*$/m, `  ${typo}`) },
      'npm test -- 01-cost',
    );
    expect(run.stdout).toContain(`${sample}\n`);
  });
});
