import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kitDefaultAssignment } from '../../grader/assignment/read-assignment';
import { ALL_CHECKS } from '../../grader/grading';
import { format } from '../../grader/shipped/checks/verdicts';
import { InProcessPort } from '../../grader/shipped/door/in-process-port';
import type { CallOutcome, CallRequest } from '../../grader/shipped/door/port';
import { inputsOf } from '../../grader/shipped/checks/run-check';
import { inputSeed } from '../../grader/shipped/checks/seeds';
import { EXERCISES } from '../../grader/shipped/contract/exercises';
import { renderConsoleSummary } from '../../grader/report';
import type { SubmissionResult } from '../../grader/shipped/results/model';
import { readSubmission } from '../../grader/shipped/submission/read-submission';
import { transpileExercise } from '../../grader/shipped/submission/transpile';
import { SOLUTIONS, writeLeakyClass, type LeakySubmission } from './leaky-submissions';
import { KIT_ROOT } from '../../grader/data/paths';

/**
 * What a student sees holds no hidden input, no reference value of a hidden check, no answer of
 * theirs on a hidden input, and no reference source. A class of failing submissions (every
 * catalogued mistake, and hostile ones that echo their inputs in what they throw and return) is
 * graded by `npm run grade` through the sandbox; every call the hidden checks make is recorded by
 * grading each submission again with only the hidden checks, and the reference answers them. None
 * of those numbers may appear in a student-facing output, while the instructor's do hold them.
 */

const scratch = mkdtempSync(join(tmpdir(), 'hidden-stays-hidden-'));
const CLASS = join(scratch, 'class');
const OUT = join(scratch, 'out');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The hidden checks of what `npm run grade` grades by default: the kit's default assignment. */
const HIDDEN_IDS = ALL_CHECKS.filter(
  (c) => c.visibility === 'hidden' && kitDefaultAssignment().exercises.includes(c.exercise),
).map((c) => c.id);
const STUDENT_FILES = ['results.json', 'report.html', 'report.md', 'junit.xml'];
const INSTRUCTOR_FILES = ['instructor.md', 'instructor.html', 'grading.json'];

/** What the grader knows and a student must not see: numbers (raw and as the reports format them) and the first points of every hidden point list. */
interface Secrets {
  readonly numbers: ReadonlySet<string>;
  readonly pointRuns: readonly (readonly number[])[];
}

interface Output {
  readonly name: string;
  readonly text: string;
}

let students: LeakySubmission[] = [];
let gradeRun: ReturnType<typeof npmRun>;
const checkRuns = new Map<string, ReturnType<typeof npmRun>>();
const secrets = new Map<string, Secrets>();
const fullResults = new Map<string, SubmissionResult>();

beforeAll(async () => {
  students = writeLeakyClass(CLASS);
  // One seed for every run, so that the secrets drawn from the grade run are the ones the check runs were given too.
  gradeRun = npmRun('grade', [CLASS, '--out', OUT, '--jobs', '2', '--seed', String(RUN_SEED)]);
  checkRuns.set(
    'hostile--echo-throw',
    npmRun('check', [join(CLASS, 'hostile--echo-throw'), '--seed', String(RUN_SEED)]),
  );
  checkRuns.set(
    'hostile--echo-return',
    npmRun('check', [join(CLASS, 'hostile--echo-return'), '--json', '--seed', String(RUN_SEED)]),
  );
  const referenceAnswers = new Map<string, CallOutcome>();
  const referencePort = new InProcessPort(
    readSubmission(SOLUTIONS, 'reference'),
    readSubmission(SOLUTIONS, 'reference'),
  );
  for (const { studentId } of students) {
    const full = JSON.parse(readFileSync(join(OUT, studentId, 'grading.json'), 'utf8')) as SubmissionResult;
    expect(full.seed).toBe(RUN_SEED);
    fullResults.set(studentId, full);
    const studentPort = new InProcessPort(
      readSubmission(join(CLASS, studentId)),
      readSubmission(SOLUTIONS, 'reference'),
    );
    const answered = async (requests: readonly CallRequest[]) => {
      const theirs = await studentPort.callMany(requests);
      const unknown = requests.filter((request) => !referenceAnswers.has(keyOf(request)));
      const answers = await referencePort.callMany(unknown);
      unknown.forEach((request, i) => referenceAnswers.set(keyOf(request), answers[i]));
      return requests.flatMap((request, i) => [request.args, theirs[i], referenceAnswers.get(keyOf(request))]);
    };
    const hidden = secretsOf([...(await answered(requestsOf('hidden', full.seed))), ...hiddenDetails(full)]);
    const shown = secretsOf([...(await answered(requestsOf('public', full.seed))), full.plots, publicDetails(full)]);
    await studentPort.close();
    secrets.set(studentId, {
      numbers: new Set([...hidden.numbers].filter((n) => !shown.numbers.has(n))),
      pointRuns: hidden.pointRuns,
    });
  }
  await referencePort.close();
}, 900_000);

describe('what a student sees of the hidden checks', () => {
  it('grades the whole class', () => {
    expect(gradeRun.code, gradeRun.stderr).toBe(0);
    expect(readdirSync(OUT).filter((name) => fullResults.has(name))).toHaveLength(students.length);
  });

  it('the recorded hidden calls are what the grader sent, and there are enough distinctive numbers to find', () => {
    for (const { studentId } of students) {
      const s = secrets.get(studentId)!;
      expect(s.numbers.size, studentId).toBeGreaterThan(1000);
      expect(s.pointRuns.length, studentId).toBeGreaterThan(50);
    }
  });

  it('no student-facing output holds a hidden input, a reference value on one, or the student’s answer on one', () => {
    const leaks: string[] = [];
    for (const student of students.filter((s) => !s.stash)) {
      for (const output of studentOutputs(student.studentId))
        leaks.push(...findSecrets(output, secrets.get(student.studentId)!));
    }
    const everyone = mergeSecrets(students.filter((s) => !s.stash).map((s) => secrets.get(s.studentId)!));
    leaks.push(
      ...findSecrets({ name: 'npm run grade (stdout and stderr)', text: gradeRun.stdout + gradeRun.stderr }, everyone),
    );
    expect(leaks).toEqual([]);
  });

  it('the instructor’s report and grading.json do hold them, so the check above can fail', () => {
    const found = new Map<string, number>();
    for (const { studentId } of students.filter((s) => !s.stash)) {
      const instructor = INSTRUCTOR_FILES.map((file) => ({
        name: `${studentId}/${file}`,
        text: readFileSync(join(OUT, studentId, file), 'utf8'),
      }));
      found.set(studentId, instructor.flatMap((output) => findSecrets(output, secrets.get(studentId)!)).length);
    }
    for (const studentId of ['hostile--echo-throw', 'hostile--echo-return', 'hostile--wrong-only-when-large'])
      expect(found.get(studentId), studentId).toBeGreaterThan(0);
    const distinctive = (studentId: string, r: SubmissionResult) => {
      const kept = secretsOf(hiddenDetails(r));
      return [...kept.numbers].some((n) => secrets.get(studentId)!.numbers.has(n)) || kept.pointRuns.length > 0;
    };
    const withHiddenEvidence = [...fullResults].filter(([id, r]) => found.has(id) && distinctive(id, r));
    expect(withHiddenEvidence.length).toBeGreaterThan(20);
    expect(withHiddenEvidence.filter(([id]) => found.get(id)! === 0).map(([id]) => id)).toEqual([]);
  });

  it('a failing hidden check names its property, its kind of failure and the named mistake, and nothing else', () => {
    const echo = JSON.parse(readFileSync(join(OUT, 'hostile--echo-throw', 'results.json'), 'utf8')) as {
      tests: { name: string; output: string; visibility: string }[];
    };
    const hidden = echo.tests.filter((t) => t.visibility === 'after_published');
    expect(hidden).toHaveLength(HIDDEN_IDS.length);
    for (const test of hidden) {
      expect(test.output).not.toContain(' saw ');
      expect(test.output).toMatch(/hidden check|not implemented/);
    }
    const named = fullResults
      .get('mistake--02-gradient--missing-factor-2')!
      .exercises.find((e) => e.exercise === '02-gradient')!;
    expect(named.diagnosis?.name).toBeTruthy();
    const report = readFileSync(join(OUT, 'mistake--02-gradient--missing-factor-2', 'report.md'), 'utf8');
    expect(report).toContain(named.diagnosis!.hint.slice(0, 40));
    expect(report).toMatch(/Hidden checks that did not pass/);
  });

  it('a mistake seen only on hidden inputs is reported without its evidence', () => {
    const large = fullResults.get('hostile--wrong-only-when-large')!;
    const cost = large.exercises.find((e) => e.exercise === '01-cost')!;
    expect(cost.checks.filter((c) => c.status !== 'pass').every((c) => c.visibility === 'hidden')).toBe(true);
    // Wrong only on large data: the 160-point probe sees it too, so the diagnosis says nothing matched; either way, no evidence.
    expect(cost.unrecognised).toMatch(/answers the same as the reference|match none of the \d+ candidate mistakes/);
    const report = readFileSync(join(OUT, 'hostile--wrong-only-when-large', 'report.md'), 'utf8');
    expect(report).toContain('matches the reference on larger, realistic data');
    expect(report).not.toMatch(/Smallest failing input|expected .* got/);
  });

  it('no student-facing output quotes the reference’s source, even where an isolated world lent it', () => {
    const fragments = referenceFragments();
    expect(fragments.length).toBeGreaterThan(20);
    expect(fragmentsIn(referenceJavaScript().join('\n'), fragments)).toHaveLength(fragments.length);
    const quoted: string[] = [];
    for (const { studentId } of students) {
      for (const output of studentOutputs(studentId))
        quoted.push(...fragmentsIn(plainText(output), fragments).map((f) => `${output.name}: ${f}`));
    }
    expect(quoted).toEqual([]);
  });

  // Code can keep what a hidden call gave it (a module variable) and show it in a later public check's
  // message, answer or plot, unless hidden calls run in realms of their own, as the door runs them.
  it('a hidden input kept by the student’s code for a later public check stays hidden', () => {
    const stash = students.find((s) => s.stash)!;
    const leaks = studentOutputs(stash.studentId).flatMap((output) =>
      findSecrets(output, secrets.get(stash.studentId)!),
    );
    expect(leaks).toEqual([]);
  });
});

/** Runs an npm script as a user does, without colour. */
/** Not the handout's seed: grading draws inputs the handout never had. */
const RUN_SEED = 90_417;

function npmRun(script: string, args: string[]) {
  const run = spawnSync('npm', ['run', '--silent', script, '--', ...args], {
    cwd: KIT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Every student-facing output of one student: the four files, the console summary `npm run check` prints, and the CLI's own output where it was run. */
function studentOutputs(studentId: string): Output[] {
  const files = STUDENT_FILES.map((file) => ({
    name: `${studentId}/${file}`,
    text: readFileSync(join(OUT, studentId, file), 'utf8'),
  }));
  const consoleSummary = {
    name: `${studentId}: console summary`,
    text: renderConsoleSummary(fullResults.get(studentId)!, { color: false }),
  };
  const cli = checkRuns.get(studentId);
  return [
    ...files,
    consoleSummary,
    ...(cli ? [{ name: `${studentId}: npm run check`, text: cli.stdout + cli.stderr }] : []),
  ];
}

/** Every call the checks of one visibility make in a run with this seed, on the inputs they draw (shrinking aside: the full result keeps the shrunk inputs). */
function requestsOf(visibility: 'public' | 'hidden', seed: number): CallRequest[] {
  return ALL_CHECKS.filter((c) => c.visibility === visibility).flatMap((check) =>
    inputsOf(check, inputSeed(seed, check)).flatMap((input) => check.plan(input)),
  );
}

/** What the full result keeps of the failing hidden checks: input, expected, actual and message. */
function hiddenDetails(result: SubmissionResult): unknown[] {
  return result.exercises.flatMap((e) =>
    e.checks
      .filter((c) => c.visibility === 'hidden' && c.status !== 'pass')
      .flatMap((c) => (c.counterexample ? [c.counterexample.input, c.expected, c.actual] : [])),
  );
}

/** What the student may see anyway: the failing public checks' inputs, expected values and answers. */
function publicDetails(result: SubmissionResult): unknown[] {
  return result.exercises.flatMap((e) =>
    e.checks.filter((c) => c.visibility === 'public').flatMap((c) => [c.counterexample?.input, c.expected, c.actual]),
  );
}

function keyOf(request: CallRequest): string {
  return JSON.stringify([request.exercise, request.fn, request.args, request.observeArguments ?? false]);
}

function secretsOf(values: readonly unknown[]): Secrets {
  const numbers = new Set<string>();
  const pointRuns: number[][] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'number') {
      for (const form of formsOf(value)) numbers.add(form);
    } else if (Array.isArray(value)) {
      const run = value.slice(0, 3).flatMap((p) => (isPoint(p) ? [p.x, p.y] : []));
      if (run.length === 6 && new Set(run).size >= 3) pointRuns.push(run);
      value.forEach(walk);
    } else if (value !== null && typeof value === 'object') {
      Object.values(value).forEach(walk);
    }
  };
  values.forEach(walk);
  return { numbers, pointRuns };
}

function mergeSecrets(all: readonly Secrets[]): Secrets {
  return { numbers: new Set(all.flatMap((s) => [...s.numbers])), pointRuns: all.flatMap((s) => s.pointRuns) };
}

/**
 * A number as the reports and JSON write it: raw, as `format` writes a value (12 significant
 * digits), and rounded to 6 digits (as captions round). Only numbers with at least 6 significant
 * digits are kept: 0.5 or 3 appear in any report; 73.2874918 or 12.3984375 do not by chance.
 */
function formsOf(value: number): string[] {
  if (!Number.isFinite(value) || significantDigits(format(value)) < 6) return [];
  const rounded = String(Number(value.toPrecision(6)));
  return [String(value), format(value), ...(significantDigits(rounded) >= 6 ? [rounded] : [])];
}

function significantDigits(text: string): number {
  return text.replace(/^-/, '').replace(/e.*$/i, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
}

function isPoint(value: unknown): value is { x: number; y: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { x?: unknown }).x === 'number' &&
    typeof (value as { y?: unknown }).y === 'number'
  );
}

/**
 * The secrets an output holds: numbers token by token, and the first three points of a hidden point
 * list as six consecutive numbers. An SVG's numbers are pixel coordinates, never the data (its text
 * alternative is outside it), and CSS is the kit's own: both are left out.
 */
function findSecrets(output: Output, secret: Secrets): string[] {
  const text = output.text.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<style>[\s\S]*?<\/style>/g, ' ');
  const tokens = text.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? [];
  const found = new Set<string>();
  for (const token of tokens) if (secret.numbers.has(token)) found.add(`${output.name}: ${token}`);
  const values = tokens.map(Number);
  const starts = new Map<number, number[]>();
  values.forEach((v, i) => starts.set(v, [...(starts.get(v) ?? []), i]));
  for (const run of secret.pointRuns) {
    for (const i of starts.get(run[0]) ?? []) {
      if (run.every((v, k) => values[i + k] === v)) found.add(`${output.name}: points (${run.join(', ')}, …)`);
    }
  }
  return [...found];
}

/** The reference as the realms hold it (transpiled JavaScript), line by line. */
function referenceJavaScript(): string[] {
  return EXERCISES.flatMap(({ id, file }) =>
    transpileExercise(readFileSync(join(SOLUTIONS, id, file), 'utf8'), `solutions/${id}/${file}`).javascript.split(
      '\n',
    ),
  ).map((line) => line.trim());
}

/** Distinctive lines of the reference's code, less any line of the student who throws their own source (it may be quoted to them). */
function referenceFragments(): string[] {
  const own = new Set(
    ['hostile--isolated-echo'].flatMap((studentId) =>
      EXERCISES.flatMap(({ id, file }) => {
        const path = join(CLASS, studentId, id, file);
        return existsSync(path)
          ? transpileExercise(readFileSync(path, 'utf8'), path)
              .javascript.split('\n')
              .map((line) => line.trim())
          : [];
      }),
    ),
  );
  const code = referenceJavaScript().filter(
    (line) =>
      line.length >= 24 &&
      !line.startsWith('//') &&
      !line.startsWith('*') &&
      /=>|function|return |for \(|Math\./.test(line),
  );
  return [...new Set(code)].filter((line) => !own.has(line));
}

function fragmentsIn(text: string, fragments: readonly string[]): string[] {
  const flat = text.replace(/\s+/g, ' ');
  return fragments.filter((f) => flat.includes(f.replace(/\s+/g, ' ')));
}

/** An output as its reader sees it: HTML entities and Markdown escapes undone, JSON strings decoded. */
function plainText(output: Output): string {
  if (output.name.endsWith('.json')) {
    const strings: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(JSON.parse(output.text));
    return strings.join('\n');
  }
  return output.text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, '=')
    .replace(/&#x60;/g, '`')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\\([\\`*|~<_\]&#>+\-.()[!])/g, '$1')
    .replace(/<br>/g, '\n');
}
