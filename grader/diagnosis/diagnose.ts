import { InProcessPort } from '../shipped/door/in-process-port';
import type { CallOutcome, SubmissionPort } from '../shipped/door/port';
import type { ExerciseId } from '../shipped/contract/exercises';
import type { CheckResult, Diagnosis } from '../shipped/results/model';
import type { Submission } from '../shipped/submission/read-submission';
import { catalogueOf, type CatalogueEntry } from './catalogue';
import { probesOf, sameAnswer } from './probes';
import { entrySubmission, referenceSubmission } from './variant-submission';

/** How a submission's answers on the designed probes compare with one known program (an entry, or the reference). */
export interface ProbeMatch {
  readonly matches: boolean;
  /** How many probes agreed. */
  readonly agreed: number;
  /** Over the probes that agreed: the largest difference, and the tolerance it was held to. */
  readonly largestDifference: number;
  readonly toleranceAtLargest: number;
}

export type DiagnosisOutcome =
  | { readonly kind: 'named'; readonly diagnosis: Diagnosis }
  | { readonly kind: 'unrecognised'; readonly message: string }
  /** The probes could not be answered at all (not implemented, missing, crashed): nothing to diagnose. */
  | { readonly kind: 'not-answered' };

const knownAnswers = new Map<string, Promise<CallOutcome[]>>();

/** A trusted program's answers on an exercise's probes, computed once per process. */
function answersOf(key: string, exercise: ExerciseId, submission: () => Submission): Promise<CallOutcome[]> {
  let answers = knownAnswers.get(key);
  if (!answers) {
    const run = async () => {
      const s = submission();
      const port = new InProcessPort(s, referenceSubmission());
      try {
        return await port.callMany(probesOf(exercise).map((p) => p.request));
      } finally {
        await port.close();
      }
    };
    answers = run();
    knownAnswers.set(key, answers);
  }
  return answers;
}

export function entryAnswers(entry: CatalogueEntry): Promise<CallOutcome[]> {
  return answersOf(entry.id, entry.exercise, () => entrySubmission(entry));
}

export function referenceAnswers(exercise: ExerciseId): Promise<CallOutcome[]> {
  return answersOf(`reference:${exercise}`, exercise, referenceSubmission);
}

/** Compares answers probe by probe; `expected` sets each probe's tolerance. */
export function matchAnswers(
  exercise: ExerciseId,
  actual: readonly CallOutcome[],
  expected: readonly CallOutcome[],
): ProbeMatch {
  const probes = probesOf(exercise);
  let agreed = 0;
  let largestDifference = 0;
  let toleranceAtLargest = 0;
  probes.forEach((probe, i) => {
    const c = sameAnswer(probe, actual[i], expected[i]);
    if (!c.ok) return;
    agreed++;
    if (c.observedError >= largestDifference)
      [largestDifference, toleranceAtLargest] = [c.observedError, Math.max(c.tolerance, toleranceAtLargest)];
  });
  return { matches: agreed === probes.length, agreed, largestDifference, toleranceAtLargest };
}

/**
 * Names the known mistake whose answers on the designed probes a submission's exercise
 * reproduces, or says plainly that none does. Runs the probes in the isolated world, so an
 * exercise is judged on its own file even when a lower exercise is broken. Never guesses: an
 * entry is named only when every probe agrees, and only when exactly one entry does.
 */
export async function diagnoseExercise(
  exercise: ExerciseId,
  port: SubmissionPort,
  failingChecks: readonly CheckResult[],
): Promise<DiagnosisOutcome> {
  const probes = probesOf(exercise);
  const answers = await port.callMany(probes.map((p) => p.request));
  if (
    answers.every(
      (a) =>
        !a.ok &&
        (a.error.kind === 'not-implemented' ||
          a.error.kind === 'missing-file' ||
          a.error.kind === 'missing-export' ||
          a.error.kind === 'load-failed'),
    )
  ) {
    return { kind: 'not-answered' };
  }
  const entries = catalogueOf(exercise);
  const matches: { entry: CatalogueEntry; match: ProbeMatch }[] = [];
  for (const entry of entries) {
    const match = matchAnswers(exercise, answers, await entryAnswers(entry));
    if (match.matches) matches.push({ entry, match });
  }
  if (matches.length === 1) {
    const [{ entry, match }] = matches;
    const { id, name, explanation, hint } = entry;
    return { kind: 'named', diagnosis: { id, name, explanation, hint, evidence: evidenceOf(probes.length, match) } };
  }
  const asReference = matchAnswers(exercise, answers, await referenceAnswers(exercise));
  return {
    kind: 'unrecognised',
    message: unrecognisedMessage(
      exercise,
      probes.length,
      entries.length,
      matches.length,
      asReference.matches,
      failingChecks,
    ),
  };
}

function evidenceOf(probeCount: number, match: ProbeMatch): string {
  const closeness =
    match.largestDifference === 0
      ? 'exactly'
      : `within tolerance (largest difference ${match.largestDifference.toPrecision(3)}, allowed ${match.toleranceAtLargest.toPrecision(3)})`;
  return `Your answers on all ${probeCount} designed probes equal this mistake's ${closeness}, and no other known mistake's.`;
}

/**
 * Says that nothing matched, and which checks failed, by id and title only: this text reaches the
 * student's report whatever the checks' visibility, so it never quotes a check's message, input,
 * expected value or replay line (the report shows those for public checks, and the instructor's
 * report for every check).
 */
function unrecognisedMessage(
  exercise: ExerciseId,
  probeCount: number,
  entryCount: number,
  matchCount: number,
  likeReference: boolean,
  failing: readonly CheckResult[],
): string {
  const opening = likeReference
    ? `On the kit's ${probeCount} designed probes your ${exercise} answers the same as the reference, so the mistake shows only on other inputs; the kit does not recognise it as one of the ${entryCount} mistakes it knows.`
    : matchCount > 1
      ? `Your ${exercise} answers on the ${probeCount} designed probes match more than one known mistake, so the kit names none of them.`
      : `Your ${exercise} answers on the ${probeCount} designed probes match none of the ${entryCount} mistakes the kit knows, so it does not name one.`;
  const shown = failing.filter((c) => c.status === 'fail' || c.status === 'error').slice(0, 3);
  if (!shown.length) return opening;
  const more =
    failing.length > shown.length
      ? ` (and ${failing.length - shown.length} more failing check${failing.length - shown.length === 1 ? '' : 's'})`
      : '';
  return `${opening} The failing checks show what broke${more}:\n${shown.map((c) => `- ${c.id} (${c.title})${c.visibility === 'hidden' ? ', a hidden check' : ''}`).join('\n')}`;
}
