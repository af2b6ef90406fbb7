import { CHECKS } from '../grading';
import type { CheckDefinition } from '../shipped/checks/check';
import { PORTABLE_CHECKS, PORTABLE_JUDGES } from '../shipped/exercises/public-checks';
import { catalogueOf } from '../diagnosis/catalogue';
import { entryAnswers, referenceAnswers } from '../diagnosis/diagnose';
import { probesOf, sameAnswer, type Probe } from '../diagnosis/probes';
import type { CallOutcome, CallRequest } from '../shipped/door/port';
import { inputsOf } from '../shipped/checks/run-check';
import { HANDOUT_SEED, inputSeed } from '../shipped/checks/seeds';
import { KitError } from '../shipped/errors';
import { EXERCISE_IDS, type ExerciseId } from '../shipped/contract/exercises';
import { GRADER_VERSION } from '../version';
import {
  decodeManifest,
  encodeManifest,
  MANIFEST_FORMAT,
  type ExerciseManifest,
  type KitSummary,
  type ProbeAnswer,
  type PublicCheck,
} from '../shipped/student/manifest';
import { agreement } from '../shipped/student/probe-match';

/**
 * What the handout knows, computed from the reference now so that the reference never ships: per
 * exercise, the public checks (the facts of each input for those that need the reference; nothing
 * but their identity for those that travel as code), the probes, and the answers of the reference
 * and of every catalogued mistake on them, each number with the tolerance the grader would match
 * it with; only the `exercises` of the assignment the handout is for.
 */
export async function publicData(
  seed = HANDOUT_SEED,
  exercises: readonly ExerciseId[] = EXERCISE_IDS,
): Promise<{ manifests: ExerciseManifest[]; summary: KitSummary }> {
  const manifests: ExerciseManifest[] = [];
  for (const exercise of EXERCISE_IDS.filter((id) => exercises.includes(id)))
    manifests.push(await exerciseManifest(exercise, seed));
  const summary: KitSummary = {
    format: MANIFEST_FORMAT,
    seed,
    graderVersion: GRADER_VERSION,
    exercises: manifests.map((m) => ({
      exercise: m.exercise,
      publicChecks: m.checks.length,
      publicPoints: sum(m.checks.map((c) => c.points)),
      hiddenChecks: m.hidden.checks,
      hiddenPoints: m.hidden.points,
    })),
  };
  return { manifests, summary };
}

async function exerciseManifest(exercise: ExerciseId, seed: number): Promise<ExerciseManifest> {
  const checks = CHECKS[exercise];
  const hidden = checks.filter((c) => c.visibility === 'hidden');
  const probes = probesOf(exercise);
  const reference = await referenceAnswers(exercise);
  const entries = catalogueOf(exercise);
  const entryOutcomes = await Promise.all(entries.map((entry) => entryAnswers(entry)));
  const known = [reference, ...entryOutcomes].map((outcomes) =>
    outcomes.map((outcome, i) => signatureOf(probes[i], outcome)),
  );
  checkMatchingAgrees(exercise, probes, [reference, ...entryOutcomes], known);
  return {
    format: MANIFEST_FORMAT,
    exercise,
    seed,
    checks: checks.filter((c) => c.visibility === 'public').map((check) => publicCheck(check, seed)),
    hidden: { checks: hidden.length, points: sum(hidden.map((c) => c.points)) },
    probes: probes.map((p) => ({ label: p.label, request: inStudentWorld(p.request) })),
    reference: known[0],
    mistakes: entries.map((entry, i) => ({
      id: entry.id,
      name: entry.name,
      explanation: entry.explanation,
      hint: entry.hint,
      answers: known[i + 1],
    })),
  };
}

function publicCheck(check: CheckDefinition, seed: number): PublicCheck {
  const identity = { id: check.id, title: check.title, points: check.points, kind: check.kind };
  if (!check.handout) {
    if (PORTABLE_CHECKS.get(check.id) !== check)
      throw new KitError(
        'handout-leak',
        `grader: the public check ${check.id} is neither in its exercise's public-checks.ts (grader/shipped/exercises/<id>/) nor judged from facts: move it there if it needs no reference, or declare it with judgedCheck`,
      );
    const inputs = inputsOf(check, inputSeed(seed, check));
    if (!sameData(decodeManifest(encodeManifest(inputs)), inputs))
      throw new KitError(
        'handout-inputs',
        `grader: the inputs of ${check.id} do not survive the manifest's JSON unchanged, so the kit could not replay them as drawn`,
      );
    return { ...identity, travels: 'code', inputs };
  }
  if (PORTABLE_JUDGES.get(check.id) !== check.handout.judge)
    throw new KitError(
      'handout-leak',
      `grader: the judge of ${check.id} is not the one its exercise's public-checks.ts (grader/shipped/exercises/<id>/) lists under that id: register it there`,
    );
  const cases = inputsOf(check, inputSeed(seed, check)).map((input) => ({
    input,
    calls: check.plan(input).map(inStudentWorld),
    facts: check.handout!.facts(input),
  }));
  // Random inputs are replayed smallest first, so that the first failing one is the simplest to read (the handout cannot shrink without the reference).
  const ordered = check.examples
    ? cases
    : [...cases].sort((a, b) => JSON.stringify(a.input).length - JSON.stringify(b.input).length);
  return { ...identity, travels: 'facts', drawn: !check.examples, cases: ordered };
}

function inStudentWorld(request: CallRequest): CallRequest {
  return { exercise: request.exercise, fn: request.fn, args: request.args };
}

/**
 * A known answer with the tolerance of each of its numbers, read off the probe's own agreement: a
 * copy with that one number made NaN fails, and the failing comparison reports its bound.
 */
function signatureOf(probe: Probe, outcome: CallOutcome): ProbeAnswer {
  if (!outcome.ok) return { ok: false, kind: outcome.error.kind };
  const value = plain(outcome.value);
  const tolerance = mapLeaves(value, (path) => {
    const c = probe.agreement(withLeaf(value, path, NaN), value);
    if (c.ok)
      throw new KitError(
        'handout-diagnosis',
        `grader: the probe "${probe.label}" accepts NaN at ${path.join('.')}: its tolerance cannot be read`,
      );
    return c.tolerance;
  });
  return { ok: true, value, tolerance };
}

/** Proves, on the catalogue itself, that matching with stored tolerances decides every pair as grader/diagnosis does. */
function checkMatchingAgrees(
  exercise: ExerciseId,
  probes: readonly Probe[],
  outcomes: readonly CallOutcome[][],
  known: readonly ProbeAnswer[][],
): void {
  for (const actual of outcomes) {
    for (let k = 0; k < outcomes.length; k++) {
      probes.forEach((probe, i) => {
        if (agreement(actual[i], known[k][i]).ok !== sameAnswer(probe, actual[i], outcomes[k][i]).ok) {
          throw new KitError(
            'handout-diagnosis',
            `grader: for ${exercise}, the handout's matching of "${probe.label}" disagrees with grader/diagnosis: the stored tolerances do not describe the probe`,
          );
        }
      });
    }
  }
}

/** Equal as data: the same numbers (−0 and NaN included), strings, booleans, nulls, arrays and keys in the same order; prototypes aside (fast-check draws some records without one). */
function sameData(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof a === 'string' || typeof a === 'boolean' || a === null) return Object.is(a, b);
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => sameData(v, b[i]));
  if (typeof a !== 'object' || typeof b !== 'object' || b === null || Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return (
    keys.join('\0') === Object.keys(b).join('\0') &&
    keys.every((k) => sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

type Path = readonly (string | number)[];

function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

function mapLeaves(value: unknown, leaf: (path: Path) => number, path: Path = []): unknown {
  if (typeof value === 'number') return leaf(path);
  if (Array.isArray(value)) return value.map((v, i) => mapLeaves(v, leaf, [...path, i]));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapLeaves(v, leaf, [...path, k])]));
  return null;
}

function withLeaf(value: unknown, path: Path, leaf: number): unknown {
  if (!path.length) return leaf;
  const [head, ...rest] = path;
  if (Array.isArray(value)) return value.map((v, i) => (i === head ? withLeaf(v, rest, leaf) : v));
  return {
    ...(value as Record<string, unknown>),
    [head]: withLeaf((value as Record<string, unknown>)[head], rest, leaf),
  };
}

function sum(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0);
}
