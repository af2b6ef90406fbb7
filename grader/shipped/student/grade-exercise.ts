import fc from 'fast-check';
import { firstCallFailure, type CheckDefinition, type CheckInput } from '../checks/check';
import { PORTABLE_CHECKS, PORTABLE_JUDGES } from '../exercises/public-checks';
import { format } from '../checks/verdicts';
import { dependencyChains, EXPORTED_NAMES } from '../submission/dependencies';
import type { CallOutcome, ModuleStatus, SubmissionPort } from '../door/port';
import { inputSeed } from '../checks/seeds';
import { CallCache, inputsOf, runCheck } from '../checks/run-check';
import { KitError } from '../errors';
import type { ExerciseId } from '../contract/exercises';
import type { CheckResult, Diagnosis, ExerciseResult, RootCause } from '../results/model';
import { readSubmission, type Submission } from '../submission/read-submission';
import { loadManifest } from './kit-data';
import type { ExerciseManifest, FactsCheck, FrozenCase, PublicCheck } from './manifest';
import { matchAnswers } from './probe-match';
import { openStudentPort } from './student-port';
import { loadTranspiler, TranspilerNotLoaded } from '../submission/transpile';
import { handoutCheckCommand } from './handout-command';

/**
 * The check a manifest entry stands for: the portable check itself, or its frozen cases with the
 * portable judge. A portable check is first tried on the inputs stored with it (`first`), which are
 * the ones fast-check draws, without drawing them; only when one fails does it run itself.
 */
function definitionOf(
  entry: PublicCheck,
  exercise: ExerciseId,
): { readonly check: CheckDefinition; readonly first: CheckDefinition } {
  if (entry.travels === 'code') {
    const check = PORTABLE_CHECKS.get(entry.id);
    if (!check || check.title !== entry.title || check.points !== entry.points)
      throw new KitError(
        'kit-damaged',
        `grader: the kit has no check ${entry.id} as its data describes it: restore exercises/_kit from the handout`,
      );
    return { check, first: { ...check, examples: entry.inputs } };
  }
  const check = frozenCheck(entry, exercise);
  return { check, first: check };
}

/** A check that needed the reference, replayed on its frozen inputs: the first failing one is reported (they are stored smallest first). */
function frozenCheck(entry: FactsCheck, exercise: ExerciseId): CheckDefinition {
  const judge = PORTABLE_JUDGES.get(entry.id);
  if (!judge)
    throw new KitError(
      'kit-damaged',
      `grader: the kit has no judge for ${entry.id}: restore exercises/_kit from the handout`,
    );
  const cases = new Map<CheckInput, FrozenCase>(entry.cases.map((c) => [c.input, c]));
  const caseOf = (input: CheckInput) => cases.get(input)!;
  return {
    id: entry.id,
    exercise,
    title: entry.title,
    points: entry.points,
    visibility: 'public',
    kind: entry.kind,
    inputs: fc.constant({}),
    examples: entry.cases.map((c) => c.input),
    plan: (input) => [...caseOf(input).calls],
    verify: (input, answers) =>
      firstCallFailure(answers) ??
      judge(
        input,
        caseOf(input).facts,
        answers.map((a) => (a.ok ? a.value : undefined)),
      ),
  };
}

export interface GradeExerciseOptions {
  /** The handout's root: the student's work is read from its exercises/ folder. */
  readonly root: string;
  readonly manifestDir: string;
  readonly studentId: string;
  /** The type check's errors in the exercise's own file (type-check.ts): when there are any, no check runs. */
  readonly typeErrors?: readonly string[];
}

/** An exercise graded on its public checks, with the mistake named when the catalogue knows it, and the hash of the files it read. */
export interface GradedExercise {
  readonly result: ExerciseResult;
  readonly contentHash: string;
}

/**
 * Grades one exercise of the student's own work on its public checks, as the grader would with the
 * handout's seed: the same inputs, the same verdicts (grading itself draws a fresh seed). Student
 * code runs in vm realms only (see student-port.ts). When points are lost, the designed probes name
 * the mistake, unless an exercise this file builds on is itself broken: then that one is named as
 * the cause.
 */
export async function gradeExercise(exercise: ExerciseId, options: GradeExerciseOptions): Promise<GradedExercise> {
  const manifest = loadManifest(options.manifestDir, exercise);
  if (options.typeErrors?.length) {
    const submission = await readOwnWork(options);
    return { result: notTypeChecked(manifest, submission, options.typeErrors), contentHash: submission.contentHash };
  }
  const { submission, cache, statuses } = await sessionFor(options);
  const checks = manifest.checks.map((entry) => definitionOf(entry, exercise));
  await cache.callMany(
    checks.flatMap(({ first }) =>
      inputsOf(first, inputSeed(manifest.seed, first)).flatMap((input) => first.plan(input)),
    ),
  );
  const results: CheckResult[] = [];
  for (const { check, first } of checks) {
    const seed = inputSeed(manifest.seed, check);
    let checked = await runCheck(first, cache, seed);
    if (checked.status !== 'pass' && first !== check) checked = await runCheck(check, cache, seed);
    results.push(withReplay({ ...checked, message: withoutPrefix(checked.message) }));
  }
  const module = statuses.find((s) => s.exercise === exercise)!;
  let result: ExerciseResult = {
    exercise,
    file: withoutPrefix(submission.files[exercise].displayPath),
    module: module.message ? { ...module, message: withoutPrefix(module.message) } : module,
    score: sum(results.map((r) => r.points)),
    maxScore: sum(results.map((r) => r.maxPoints)),
    checks: results,
  };
  if (result.score < result.maxScore) result = await explain(result, submission, cache, manifest, options);
  return { result, contentHash: submission.contentHash };
}

/** What `npm run check -- --check <id>` found: that check, and its exercise graded on every public check (for the mistake it names). */
export interface CheckedOnce {
  readonly check: CheckResult;
  readonly exercise: ExerciseResult;
  /** The run seed the check's inputs were drawn from (each check derives its own from it): the grader's, or the handout's. */
  readonly runSeed: number;
  /** Set when the check ran on other inputs than the seed asked for, and why. */
  readonly note?: string;
}

/**
 * Runs one public check of the student's own work. With a run seed (the grader's, from a replay
 * line) and fast-check's path, a check that travels as code draws and replays exactly the grader's
 * case. A check judged from the reference's facts can run only on the inputs the handout carries:
 * the same as the grader's for designed examples; for inputs drawn from the seed, `note` says so
 * when another seed was asked for.
 */
export async function checkOnce(
  exercise: ExerciseId,
  checkId: string,
  options: GradeExerciseOptions & { readonly seed?: number; readonly path?: string },
): Promise<CheckedOnce> {
  const manifest = loadManifest(options.manifestDir, exercise);
  const graded = await gradeExercise(exercise, options);
  const entry = manifest.checks.find((c) => c.id === checkId);
  if (!entry) throw new KitError('usage', `${checkId} is not a public check of ${exercise}: npm run check lists them`);
  const alreadyRun = graded.result.checks.find((c) => c.id === checkId)!;
  const runSeed = options.seed ?? manifest.seed;
  if (options.typeErrors?.length) return { check: alreadyRun, exercise: graded.result, runSeed: manifest.seed };
  if (entry.travels === 'facts') {
    const note =
      runSeed === manifest.seed || !entry.drawn
        ? undefined
        : `This check compares with the reference, which stays with your instructor: the handout carries its inputs for seed ${manifest.seed} only, so it ran on those, not on the inputs seed ${runSeed} draws.`;
    return { check: alreadyRun, exercise: graded.result, runSeed: manifest.seed, note };
  }
  if (options.path === undefined && runSeed === manifest.seed)
    return { check: alreadyRun, exercise: graded.result, runSeed };
  const { cache } = await sessionFor(options);
  const { check } = definitionOf(entry, exercise);
  const checked = await runCheck(check, cache, inputSeed(runSeed, check), { path: options.path });
  return {
    check: withReplay({ ...checked, message: withoutPrefix(checked.message) }),
    exercise: graded.result,
    runSeed,
  };
}

interface Session {
  readonly key: string;
  readonly submission: Submission;
  readonly port: SubmissionPort;
  readonly cache: CallCache;
  readonly statuses: readonly ModuleStatus[];
}

let session: Session | undefined;

/**
 * One realm and call cache per submission and process, as the grader keeps one port per
 * submission: the exercises a worker grades share them, until a file changes.
 */
async function sessionFor(options: GradeExerciseOptions): Promise<Session> {
  const submission = await readOwnWork(options);
  const key = `${options.root}\n${submission.contentHash}`;
  if (session?.key === key) return session;
  await session?.port.close();
  const port = openStudentPort(submission);
  session = { key, submission, port, cache: new CallCache(port), statuses: await port.modules() };
  return session;
}

/** The student's files, read and transpiled now; oxc is loaded only when one of them is new to this process. */
async function readOwnWork(options: GradeExerciseOptions): Promise<Submission> {
  try {
    return readSubmission(options.root, options.studentId);
  } catch (error) {
    if (!(error instanceof TranspilerNotLoaded)) throw error;
  }
  await loadTranspiler();
  return readSubmission(options.root, options.studentId);
}

/** A failing check with the handout command that shows it alone (`npm run check -- --check <id>`), with the case's path when it has one. */
function withReplay(check: CheckResult): CheckResult {
  if (check.status !== 'fail' && check.status !== 'error') return check;
  return { ...check, replay: handoutCheckCommand(check.id, { path: check.path }) };
}

/** An exercise whose file does not type-check: none of its checks ran, and each says why, with the first error. */
function notTypeChecked(
  manifest: ExerciseManifest,
  submission: Submission,
  typeErrors: readonly string[],
): ExerciseResult {
  const file = withoutPrefix(submission.files[manifest.exercise].displayPath);
  const message = `did not run, because the file does not type-check: ${typeErrors[0]}`;
  return {
    exercise: manifest.exercise,
    file,
    module: {
      exercise: manifest.exercise,
      state: 'type-error',
      message: `${file} does not type-check, so none of its checks ran. Fix ${typeErrors.length === 1 ? 'this error' : `these ${typeErrors.length} errors`} first:\n${typeErrors.slice(0, 8).join('\n')}${typeErrors.length > 8 ? `\n… and ${typeErrors.length - 8} more (npm run typecheck lists them all)` : ''}`,
    },
    score: 0,
    maxScore: sum(manifest.checks.map((c) => c.points)),
    checks: manifest.checks.map((c) => ({
      id: c.id,
      exercise: manifest.exercise,
      title: c.title,
      kind: c.kind,
      visibility: 'public',
      status: 'error',
      points: 0,
      maxPoints: c.points,
      seed: manifest.seed,
      runs: 0,
      message,
    })),
  };
}

/** Paths as the student sees them, from the handout's root. */
function withoutPrefix(text: string): string {
  return text.replaceAll('<submission>/', '');
}

async function explain(
  result: ExerciseResult,
  submission: Submission,
  cache: CallCache,
  manifest: ExerciseManifest,
  options: GradeExerciseOptions,
): Promise<ExerciseResult> {
  for (const [dependency, chain] of dependencyChains(submission, result.exercise)) {
    const theirs = loadManifest(options.manifestDir, dependency);
    const answers = await cache.callMany(theirs.probes.map((p) => p.request));
    if (matchAnswers(answers, theirs.reference).matches) continue;
    return { ...result, rootCause: rootCause(result.exercise, dependency, chain, brokenness(theirs, answers)) };
  }
  const answers = await cache.callMany(manifest.probes.map((p) => p.request));
  if (answers.every(unanswered)) return result;
  const named = nameMistake(manifest, answers);
  if (named) return { ...result, diagnosis: named };
  return {
    ...result,
    unrecognised: unrecognised(
      manifest,
      answers,
      result.checks.filter((c) => c.status !== 'pass'),
    ),
  };
}

const unanswered = (a: CallOutcome) =>
  !a.ok &&
  (a.error.kind === 'not-implemented' ||
    a.error.kind === 'missing-file' ||
    a.error.kind === 'missing-export' ||
    a.error.kind === 'load-failed');

/** The one catalogued mistake whose answers on every probe these answers reproduce; never a guess. */
function nameMistake(manifest: ExerciseManifest, answers: readonly CallOutcome[]): Diagnosis | undefined {
  const matches = manifest.mistakes
    .map((mistake) => ({ mistake, match: matchAnswers(answers, mistake.answers) }))
    .filter((m) => m.match.matches);
  if (matches.length !== 1) return undefined;
  const [{ mistake, match }] = matches;
  const closeness =
    match.largestDifference === 0
      ? 'exactly'
      : `within tolerance (largest difference ${match.largestDifference.toPrecision(3)}, allowed ${match.toleranceAtLargest.toPrecision(3)})`;
  return {
    id: mistake.id,
    name: mistake.name,
    explanation: mistake.explanation,
    hint: mistake.hint,
    evidence: `Your answers on all ${manifest.probes.length} designed probes equal this mistake's ${closeness}, and no other known mistake's.`,
  };
}

function brokenness(manifest: ExerciseManifest, answers: readonly CallOutcome[]): string {
  if (answers.every((a) => !a.ok && a.error.kind === 'not-implemented')) return 'is not implemented yet';
  if (answers.every(unanswered)) return 'cannot be called (see its own checks)';
  const named = nameMistake(manifest, answers);
  return named ? `is broken: recognised as “${named.name}” (${named.id})` : 'is broken: see its own failing checks';
}

function rootCause(
  exercise: ExerciseId,
  dependency: ExerciseId,
  chain: readonly ExerciseId[],
  what: string,
): RootCause {
  const path =
    chain.length > 1
      ? `builds on ${dependency} through ${chain.slice(0, -1).join(' → ')}`
      : `builds on ${dependency} (${EXPORTED_NAMES[dependency]})`;
  return {
    brokenDependency: dependency,
    gradedInIsolation: false,
    message: `${exercise} ${path}, which ${what}. Its checks call your ${dependency}, so fix ${dependency} first; then run npm test again to see whether ${exercise} has a mistake of its own.`,
  };
}

function unrecognised(
  manifest: ExerciseManifest,
  answers: readonly CallOutcome[],
  failing: readonly CheckResult[],
): string {
  const probes = manifest.probes.length;
  const known = manifest.mistakes.length;
  const matching = manifest.mistakes.filter((m) => matchAnswers(answers, m.answers).matches).length;
  const opening = matchAnswers(answers, manifest.reference).matches
    ? `On the kit's ${probes} designed probes your ${manifest.exercise} answers as expected, so the mistake shows only on other inputs; it is not one of the ${known} mistakes the kit knows.`
    : matching > 1
      ? `Your ${manifest.exercise} answers on the ${probes} designed probes match more than one known mistake, so the kit names none of them.`
      : `Your ${manifest.exercise} answers on the ${probes} designed probes match none of the ${known} mistakes the kit knows, so it does not name one.`;
  const shown = failing.filter((c) => c.status === 'fail' || c.status === 'error').slice(0, 3);
  if (!shown.length) return opening;
  return `${opening} The failing checks show what broke:\n${shown.map((c) => `- ${c.title}: ${c.message}${c.counterexample ? ` Smallest failing input found: ${format(c.counterexample.input)}.` : ''}`.slice(0, 500)).join('\n')}`;
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
