/**
 * The diagnosis's confusion matrix over mistakes that the operators naming them did not produce:
 * - the catalogue's 47 variant files (written before the operators);
 * - tests/fixtures/slips: student slips written by hand without reading the operators, and unusual
 *   correct solutions (labels.json says which is which);
 * - slips from the seeded source mutator (scripts/slip-generator), applied to the reference and to
 *   every correct style; a mutant that behaves as the reference on the oracle's random inputs is
 *   counted as correct;
 * - every correct style under tests/fixtures/correct.
 * Each is graded over the reference (its one exercise file is the student's) and diagnosed. A name
 * is right when the named mistake, fitted to the student's answers, gives the same answers as the
 * student's code on the oracle's random valid inputs, which neither the probes nor the operators
 * chose. Prints one table per exercise and the totals: false passes, false fails, misnamed, and the
 * named rate among failed slips.
 * Run: node -r ts-node/register/transpile-only scripts/confusion-matrix.ts [--seed <n>] [--per-exercise <k>]
 *      [--exercises 01-cost,02-gradient] [--verbose]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KIT_ROOT } from '../grader/data/paths';
import { CATALOGUE, entryFile } from '../grader/diagnosis/catalogue';
import { bestFits, diagnoseExercise } from '../grader/diagnosis/diagnose';
import { diagnosisSpaceOf, probesOf } from '../grader/diagnosis/probes';
import { referenceSubmission, withExerciseSource } from '../grader/diagnosis/variant-submission';
import { gradeSubmission } from '../grader/engine/grade-submission';
import { ALL_CHECKS, CHECKS } from '../grader/grading';
import { evaluate } from '../grader/mistake-space/evaluate';
import { EXERCISES, EXERCISE_IDS, exerciseFile, type ExerciseId } from '../grader/shipped/contract/exercises';
import { InProcessPort } from '../grader/shipped/door/in-process-port';
import type { CallOutcome } from '../grader/shipped/door/port';
import type { Submission } from '../grader/shipped/submission/read-submission';
import { asPortArgument, behavesLikeReference, sampleInputs } from './slip-generator/oracle';
import { generateSlips } from './slip-generator/mutate';

const flag = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SEED = flag('--seed', 1);
const PER_EXERCISE = flag('--per-exercise', 40);
const VERBOSE = process.argv.includes('--verbose');
const exercisesFlag = process.argv.indexOf('--exercises');
const EXERCISES_MEASURED = (
  exercisesFlag >= 0 ? process.argv[exercisesFlag + 1].split(',') : EXERCISE_IDS
) as readonly ExerciseId[];
const ORACLE_INPUTS = 40;
/**
 * Checks on designed hard cases (06: data blind to a start vector, data far from 0). The oracle's
 * inputs stay near the origin, so a mutant it calls equivalent may still be fragile there: failing
 * only these checks is counted as fragile, not as a false fail.
 */
/** The designed hard cases (`CheckDefinition.hardCase`): a correct file failing only these is fragile, not falsely failed. */
const HARD_CASE_CHECKS = ALL_CHECKS.filter((check) => check.hardCase).map((check) => check.id);
/** Names read off failing checks the probes cannot see (purity, hard cases): right when the code answers as the reference does. */
const SEEN_BY_CHECKS = new RegExp(
  `/(${['changes-its-arguments', 'keeps-state-between-calls', ...ALL_CHECKS.flatMap((c) => (c.hardCase ? [c.hardCase.slug] : []))].join('|')})(\\+|$)`,
);

type Truth = 'slip' | 'correct';
type Verdict = 'pass' | 'fragile' | 'false fail' | 'false pass' | 'named' | 'named, ambiguous' | 'misnamed' | 'unnamed';
const VERDICTS: readonly Verdict[] = [
  'pass',
  'fragile',
  'false fail',
  'false pass',
  'named',
  'named, ambiguous',
  'misnamed',
  'unnamed',
];

interface Case {
  readonly source: 'catalogue' | 'hand-written' | 'generated' | 'correct style';
  readonly id: string;
  readonly exercise: ExerciseId;
  readonly truth: Truth;
  readonly code: string;
}

interface Judged extends Case {
  readonly verdict: Verdict;
  readonly named?: string;
}

function submissionOf(c: Case): Submission {
  return withExerciseSource(referenceSubmission(), c.exercise, c.code, c.id.replace(/[^\w.-]+/g, '--'));
}

const SLIPS_DIR = join(KIT_ROOT, 'tests', 'fixtures', 'slips');
const CORRECT_DIR = join(KIT_ROOT, 'tests', 'fixtures', 'correct');

function cases(): Case[] {
  const all: Case[] = CATALOGUE.map((entry) => ({
    source: 'catalogue',
    id: entry.id,
    exercise: entry.exercise,
    truth: 'slip',
    code: readFileSync(entryFile(entry), 'utf8'),
  }));
  const labels = JSON.parse(readFileSync(join(SLIPS_DIR, 'labels.json'), 'utf8')) as Record<string, { kind: Truth }>;
  for (const [id, label] of Object.entries(labels)) {
    const exercise = id.split('/')[0] as ExerciseId;
    all.push({
      source: 'hand-written',
      id,
      exercise,
      truth: label.kind,
      code: readFileSync(join(SLIPS_DIR, `${id}.ts`), 'utf8'),
    });
  }
  for (const slip of generateSlips({ seed: SEED, perExercise: PER_EXERCISE, exercises: [...EXERCISES_MEASURED] })) {
    const equivalent = behavesLikeReference(slip.source, slip.exercise, SEED).equivalent;
    all.push({
      source: 'generated',
      id: slip.id,
      exercise: slip.exercise,
      truth: equivalent ? 'correct' : 'slip',
      code: slip.source,
    });
  }
  for (const style of readdirSync(CORRECT_DIR, { withFileTypes: true }).filter((d) => d.isDirectory()))
    for (const exercise of EXERCISE_IDS) {
      const file = join(CORRECT_DIR, style.name, exercise, exerciseFile(exercise));
      let code: string;
      try {
        code = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      all.push({ source: 'correct style', id: `${style.name}/${exercise}`, exercise, truth: 'correct', code });
    }
  return all;
}

/** Two answers the same within 1e−6 of their scale, or the same kind of failure. */
function agree(a: CallOutcome, b: CallOutcome): boolean {
  if (!a.ok || !b.ok) return !a.ok && !b.ok && a.error.kind === b.error.kind;
  const close = (x: unknown, y: unknown): boolean => {
    if (typeof x === 'number' && typeof y === 'number')
      return x === y || Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => close(v, y[i]));
    if (x && y && typeof x === 'object' && typeof y === 'object') {
      const keys = Object.keys(x);
      return keys.length === Object.keys(y).length && keys.every((k) => close((x as any)[k], (y as any)[k]));
    }
    return x === y;
  };
  return close(a.value, b.value);
}

/** Whether a named member, fitted to the student's answers, answers as the student's code does on the oracle's inputs. */
async function nameIsRight(c: Case, port: InProcessPort, namedIds: readonly string[]): Promise<boolean> {
  const generated = diagnosisSpaceOf(c.exercise);
  if (!generated) return false;
  const probes = probesOf(c.exercise);
  const answers = await port.callMany(probes.map((p) => p.request));
  const fits = bestFits(c.exercise, generated, { probes, answers }).filter((f) =>
    namedIds.includes(f.answered.candidate.id),
  );
  const requests = EXERCISES.find((e) => e.id === c.exercise)!.exports.flatMap((fn) =>
    sampleInputs(c.exercise, fn, SEED + 1, ORACLE_INPUTS).map((args) => ({
      exercise: c.exercise,
      fn,
      args: args.map(asPortArgument),
      world: 'isolated' as const,
    })),
  );
  const theirs = await port.callMany(requests);
  const configs = namedIds.some((id) => SEEN_BY_CHECKS.test(id))
    ? [generated.space.reference]
    : fits.map((f) => f.answered.candidate.config);
  return configs.some((config) => {
    const model = generated.space.implement(config);
    return requests.every((r, i) => agree(evaluate(model, r.fn, r.args), theirs[i]));
  });
}

async function judge(c: Case): Promise<Judged> {
  const submission = submissionOf(c);
  const port = new InProcessPort(submission, referenceSubmission());
  try {
    const onlyChecks = CHECKS[c.exercise].map((check) => check.id);
    const result = await gradeSubmission(submission, port, {
      seed: SEED,
      onlyChecks,
      explain: false,
      plots: false,
      exercises: [c.exercise],
    });
    const graded = result.exercises.find((e) => e.exercise === c.exercise)!;
    const passed = graded.score === graded.maxScore;
    if (c.truth === 'correct') {
      const failing = graded.checks.filter((check) => check.status !== 'pass').map((check) => check.id);
      const fragile = failing.length > 0 && failing.every((id) => HARD_CASE_CHECKS.includes(id));
      return { ...c, verdict: passed ? 'pass' : fragile ? 'fragile' : 'false fail' };
    }
    if (passed) return { ...c, verdict: 'false pass' };
    const outcome = await diagnoseExercise(
      c.exercise,
      port,
      graded.checks.filter((check) => check.status !== 'pass'),
    );
    if (outcome.kind !== 'named') return { ...c, verdict: 'unnamed' };
    const ids = outcome.diagnosis.id.split(' | ');
    const right = await nameIsRight(c, port, ids);
    return {
      ...c,
      verdict: !right ? 'misnamed' : ids.length > 1 ? 'named, ambiguous' : 'named',
      named: outcome.diagnosis.id,
    };
  } finally {
    await port.close();
  }
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => r[col].length)));
  return rows
    .map((r) => r.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]) : cell.padStart(widths[col]))).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  const judged: Judged[] = [];
  for (const c of cases().filter((c) => EXERCISES_MEASURED.includes(c.exercise))) judged.push(await judge(c));
  const sources = ['catalogue', 'hand-written', 'generated', 'correct style'] as const;
  for (const exercise of EXERCISES_MEASURED) {
    const rows = [['source \\ verdict', ...VERDICTS]];
    for (const source of sources)
      for (const truth of ['slip', 'correct'] as const) {
        const these = judged.filter((j) => j.exercise === exercise && j.source === source && j.truth === truth);
        if (these.length)
          rows.push([
            `${source} (${truth}, ${these.length})`,
            ...VERDICTS.map((v) => cell(these.filter((j) => j.verdict === v).length)),
          ]);
      }
    console.log(`\n${exercise}\n${table(rows)}`);
  }
  const count = (v: Verdict, source?: string) =>
    judged.filter((j) => j.verdict === v && (!source || j.source === source)).length;
  const failedSlips = (source?: string) =>
    judged.filter((j) => j.truth === 'slip' && j.verdict !== 'false pass' && (!source || j.source === source)).length;
  const rate = (source?: string) => {
    const failed = failedSlips(source);
    const named = count('named', source) + count('named, ambiguous', source);
    return `${named}/${failed} = ${failed ? ((100 * named) / failed).toFixed(1) : '—'} %`;
  };
  console.log(
    `\nseed ${SEED}, ${PER_EXERCISE} generated slips per exercise (replay with --seed ${SEED} --per-exercise ${PER_EXERCISE})`,
  );
  console.log(
    `cases: ${judged.length} (${sources.map((s) => `${s} ${judged.filter((j) => j.source === s).length}`).join(', ')})`,
  );
  for (const v of ['false pass', 'false fail', 'misnamed'] as const) {
    const these = judged.filter((j) => j.verdict === v);
    console.log(
      `${v}: ${these.length}${these.length ? ` — ${these.map((j) => `${j.id}${j.named ? ` → ${j.named}` : ''}`).join(', ')}` : ''}`,
    );
  }
  console.log(
    `named among failed slips: ${rate()} (catalogue ${rate('catalogue')}, hand-written ${rate('hand-written')}, generated ${rate('generated')})`,
  );
  console.log(`ambiguous names (both named, one right): ${count('named, ambiguous')}`);
  if (VERBOSE) for (const j of judged.filter((j) => j.verdict === 'unnamed')) console.log(`unnamed: ${j.id}`);
  console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const cell = (n: number) => (n === 0 ? '.' : String(n));

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
