import { InProcessPort } from '../shipped/door/in-process-port';
import type { CallOutcome, SubmissionPort } from '../shipped/door/port';
import type { ExerciseId } from '../shipped/contract/exercises';
import { CHECKS } from '../grading';
import type { CheckResult, Diagnosis } from '../shipped/results/model';
import type { Submission } from '../shipped/submission/read-submission';
import { catalogueOf, type CatalogueEntry } from './catalogue';
import { diagnosisSpaceOf, probesOf, sameAnswer } from './probes';
import {
  combined,
  composedText,
  distinctBehaviours,
  fitted,
  textOfCandidate,
  type Answered,
  type GeneratedSpace,
} from '../mistake-space/candidates';
import type { Evidence, Slip, SlipText } from '../mistake-space/space';
import type { Probe } from '../probes/probe';
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
  const generated = diagnosisSpaceOf(exercise);
  if (generated) return diagnoseInSpace(exercise, generated, { probes, answers }, failingChecks);
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

/** A member of the space, fitted to the student's answers, that agrees with them on every probe. */
export interface Fit {
  readonly answered: Answered<unknown>;
  readonly match: ProbeMatch;
}

/** Whether two sets of answers agree on the probes at `indices`; a lazily answered candidate answers only as far as it agrees. */
function agreeOn(
  probes: readonly Probe[],
  indices: readonly number[],
  actual: readonly CallOutcome[],
  expected: readonly CallOutcome[] | Answered<unknown>,
): boolean {
  const at = (i: number) =>
    Array.isArray(expected)
      ? (expected as readonly CallOutcome[])[i]
      : ((expected as Answered<unknown>).answerOn?.(i) ?? (expected as Answered<unknown>).answers[i]);
  return indices.every((i) => sameAnswer(probes[i], actual[i], at(i)).ok);
}

/**
 * Agreeing only in failing the same way (NaN on every probe, say) names a single slip at most: a
 * mistake of several parts must also be seen in a value, on a probe where it answers a number
 * other than the reference's, as the student's code does.
 */
function enoughEvidence(
  generated: GeneratedSpace<unknown>,
  answered: Answered<unknown>,
  answers: readonly CallOutcome[],
): boolean {
  if (answered.candidate.slips.length < 2) return true;
  return answers.some(
    (a, i) =>
      a.ok &&
      answered.answers[i].ok &&
      !sameAnswer(generated.probes[i], answered.answers[i], generated.reference[i]).ok,
  );
}

/**
 * The members with the fewest slips whose answers agree with the student's on every designed
 * probe (fitted to them). In an exercise of several exports, slips in different exports are
 * independent: each export's wrong answers are explained by its own fewest slips, and the parts
 * are joined, so a slip in valley and another in descend are named together however rare the pair.
 */
export function bestFits(exercise: ExerciseId, generated: GeneratedSpace<unknown>, evidence: Evidence): Fit[] {
  const { probes, answers } = evidence;
  const all = probes.map((_, i) => i);
  // The reference is the candidate of no slips: answers it explains name no mistake.
  if (agreeOn(probes, all, answers, generated.reference)) return [];
  const found = new Map<Answered<unknown>, Answered<unknown> | undefined>();
  const fittedTo = (member: Answered<unknown>) => {
    if (!found.has(member)) found.set(member, fitted(generated, member, evidence));
    return found.get(member);
  };
  const fits: Fit[] = fewestAgreeing(generated, evidence, all, fittedTo, (answered) =>
    enoughEvidence(generated, answered, answers),
  ).map((answered) => ({ answered, match: matchAnswers(exercise, answers, answered.answers) }));
  const fewest = fits.length ? fits[0].answered.candidate.slips.length : Infinity;
  const whole = distinctBehaviours(generated.space, generated.probes, fits);
  const joined = fewest <= 1 ? [] : fitsExportByExport(exercise, generated, evidence, fittedTo);
  const joinedSize = joined[0]?.answered.candidate.slips.length ?? Infinity;
  return joinedSize < fewest ? joined : whole;
}

/**
 * The members with the fewest slips (fitted to the student's answers) that agree with them on the
 * probes at `indices` and that `accept` takes. Members come fewest slips first, so the scan stops
 * at the first member larger than those found.
 */
function fewestAgreeing(
  generated: GeneratedSpace<unknown>,
  { probes, answers }: Evidence,
  indices: readonly number[],
  fittedTo: (member: Answered<unknown>) => Answered<unknown> | undefined,
  accept: (answered: Answered<unknown>) => boolean = () => true,
): Answered<unknown>[] {
  const found: Answered<unknown>[] = [];
  for (const member of generated.members) {
    if (found.length && member.candidate.slips.length > found[0].candidate.slips.length) break;
    const answered = fittedTo(member);
    if (answered && agreeOn(probes, indices, answers, answered) && accept(answered)) found.push(answered);
  }
  return found;
}

const MOST_PER_EXPORT = 3;

function fitsExportByExport(
  exercise: ExerciseId,
  generated: GeneratedSpace<unknown>,
  evidence: Evidence,
  fittedTo: (member: Answered<unknown>) => Answered<unknown> | undefined,
): Fit[] {
  const { probes, answers } = evidence;
  const exports = [...new Set(probes.map((p) => p.request.fn))];
  if (exports.length < 2) return [];
  const parts: Slip<unknown>[][][] = [];
  for (const fn of exports) {
    const indices = probes.flatMap((p, i) => (p.request.fn === fn ? [i] : []));
    if (agreeOn(probes, indices, answers, generated.reference)) continue;
    const here = fewestAgreeing(generated, evidence, indices, fittedTo);
    if (!here.length) return [];
    parts.push(here.slice(0, MOST_PER_EXPORT).map((a) => [...a.candidate.slips]));
  }
  if (parts.length < 2) return [];
  let choices: Slip<unknown>[][] = [[]];
  for (const options of parts) choices = choices.flatMap((chosen) => options.map((option) => [...chosen, ...option]));
  const result: Fit[] = [];
  for (const slips of choices) {
    const answered = combined(generated, slips, evidence);
    if (!answered || !enoughEvidence(generated, answered, answers)) continue;
    const match = matchAnswers(exercise, answers, answered.answers);
    if (match.matches) result.push({ answered, match });
  }
  return distinctBehaviours(generated.space, generated.probes, result);
}

/**
 * Names the generated mistake whose answers the student's reproduce on every designed probe: the
 * one with the fewest slips; when several of that size fit and the probes cannot tell them apart,
 * all of them, said as such. Nothing is named when nothing fits, and the message says what was
 * ruled out.
 */
function diagnoseInSpace(
  exercise: ExerciseId,
  generated: GeneratedSpace<unknown>,
  evidence: Evidence,
  failingChecks: readonly CheckResult[],
): DiagnosisOutcome {
  const fits = bestFits(exercise, generated, evidence);
  const findings = generated.space.describe?.(evidence) ?? [];
  const shown = findings.length ? ` What your answers show: ${findings.join(' ')}` : '';
  if (!fits.length) {
    const asReference = matchAnswers(exercise, evidence.answers, generated.reference).matches;
    const seen = asReference ? seenByChecks(exercise, evidence.probes.length, failingChecks) : undefined;
    if (seen) return { kind: 'named', diagnosis: seen };
    return {
      kind: 'unrecognised',
      message: ruledOutMessage(exercise, generated, asReference, failingChecks, shown),
    };
  }
  const best = fits;
  const probeCount = evidence.probes.length;
  const others = generated.members.length - 1;
  if (best.length === 1) {
    const [{ answered, match }] = best;
    const text = textOfCandidate(answered.candidate);
    const closeness = closenessOf(match);
    return {
      kind: 'named',
      diagnosis: {
        id: answered.candidate.id,
        ...text,
        evidence:
          `Your answers on all ${probeCount} designed probes equal this mistake's ${closeness}, and none of the other ${others} candidate mistakes the kit generates for ${exercise} with as few parts does.` +
          shown,
      },
    };
  }
  const named = best
    .slice(0, 3)
    .map((f) => ({ id: f.answered.candidate.id, text: textOfCandidate(f.answered.candidate) }));
  return {
    kind: 'named',
    diagnosis: {
      id: named.map((n) => n.id).join(' | '),
      name: `One of ${best.length} mistakes the probes cannot tell apart: ${named.map((n) => n.text.name).join('; or ')}`,
      explanation: named.map((n, i) => `${i === 0 ? 'Either' : 'Or'}: ${n.text.explanation}`).join(' '),
      hint: named.map((n) => n.text.hint).join(' Or: '),
      evidence:
        `Your answers on all ${probeCount} designed probes equal each of these, and no input the kit tried tells them apart, so it names ${best.length === named.length ? 'all of them' : `the first ${named.length} of ${best.length}`}.` +
        shown,
    },
  };
}

/** What a failing check of a kind the probes cannot see (purity, designed hard cases) says about the code. */
interface SeenByCheck {
  readonly slug: string;
  /** The check's id within its exercise (`pure`), and when it says what it saw: the words of its message. */
  readonly check: string;
  readonly seen?: RegExp;
  readonly name: string;
  readonly explanation: string;
  readonly hint: string;
}

/** Purity, which every exercise with a `pure` check has; each exercise's designed hard cases bring their own words (`CheckDefinition.hardCase`). */
const PURITY: readonly SeenByCheck[] = [
  {
    slug: 'changes-its-arguments',
    check: 'pure',
    seen: /changed its arguments/,
    name: 'Your function changes the arguments it is given',
    explanation:
      'Your answers are right, but the call left its arguments different from how it found them: it sorted, moved or rewrote an array or object that belongs to the caller. Code that calls it (a descent loop, a plot, the grader) then works on changed data.',
    hint: 'Find each place where you assign into, push onto or sort something you were given, and work on a copy instead.',
  },
  {
    slug: 'keeps-state-between-calls',
    check: 'pure',
    seen: /two different answers to the same call/,
    name: 'Your function remembers something between calls',
    explanation:
      'Your answers are right the first time, but the same call made twice gave two different answers: something outside the function (a variable at the top of the file, a cache) carries over from one call to the next.',
    hint: 'Look for a variable declared outside the function that the function changes.',
  },
];

/** Whether a failing check is the one `k` reads: its own id, or for purity any `pure` check of the exercise (`pure`, or one export's, `predict-pure`). */
function checksCalled(id: string, exercise: ExerciseId, k: SeenByCheck): boolean {
  const slug = id.slice(exercise.length + 1);
  return id.startsWith(`${exercise}/`) && (slug === k.check || (PURITY.includes(k) && slug.endsWith(`-${k.check}`)));
}

/** What the checks of an exercise that look where the probes cannot can say: purity, and its hard cases. */
function seenByChecksOf(exercise: ExerciseId): readonly SeenByCheck[] {
  const hardCases = CHECKS[exercise].flatMap((check) =>
    check.hardCase ? [{ ...check.hardCase, check: check.id.slice(exercise.length + 1) }] : [],
  );
  return [...PURITY, ...hardCases];
}

/**
 * When the answers are right on every designed probe and every failing check is one that looks
 * where the probes cannot (purity, designed hard cases), the mistake is what those checks saw.
 */
function seenByChecks(
  exercise: ExerciseId,
  probeCount: number,
  failing: readonly CheckResult[],
): Diagnosis | undefined {
  const wrong = failing.filter((c) => c.status === 'fail' || c.status === 'error');
  if (!wrong.length) return undefined;
  const seen: SeenByCheck[] = [];
  for (const check of wrong) {
    const found = seenByChecksOf(exercise).find(
      (k) => checksCalled(check.id, exercise, k) && (!k.seen || k.seen.test(check.message)),
    );
    if (!found) return undefined;
    if (!seen.includes(found)) seen.push(found);
  }
  const evidence = `Your answers equal the reference's on all ${probeCount} designed probes; the only checks that failed are ${wrong.map((c) => `“${c.title}”`).join(' and ')}.`;
  const { name, explanation, hint } = composedText(oneFragility(seen));
  return { id: seen.map((k) => `${exercise}/${k.slug}`).join('+'), name, explanation, hint, evidence };
}

/**
 * Several designed hard cases failing together are one cause, a method that loses digits (or
 * trusts a lucky start) on data chosen to show it, seen on several kinds of data: one part, in the
 * first case's name, with what each kind showed, beside any purity finding.
 */
function oneFragility(seen: readonly SeenByCheck[]): SlipText[] {
  const purity = seen.filter((k) => PURITY.includes(k));
  const hard = seen.filter((k) => !PURITY.includes(k));
  if (hard.length < 2) return [...seen];
  const hints = [...new Set(hard.map((k) => k.hint))];
  return [
    ...purity,
    {
      name: `${withoutFullStop(hard[0].name)} (seen on ${hard.length} kinds of data designed to show it)`,
      explanation: hard.map((k) => k.explanation).join(' Also: '),
      hint: hints.join(' '),
    },
  ];
}

function withoutFullStop(text: string): string {
  return text.replace(/\.$/, '');
}

function closenessOf(match: ProbeMatch): string {
  return match.largestDifference === 0
    ? 'exactly'
    : `within tolerance (largest difference ${match.largestDifference.toPrecision(3)}, allowed ${match.toleranceAtLargest.toPrecision(3)})`;
}

/** Says that no generated mistake fits, what was ruled out, and which checks failed (by id and title only). */
function ruledOutMessage(
  exercise: ExerciseId,
  generated: GeneratedSpace<unknown>,
  likeReference: boolean,
  failing: readonly CheckResult[],
  findings: string,
): string {
  const { space, members, probes } = generated;
  const knobs = [...new Set(space.slips.map((s) => s.knob))].map((k) => space.knobs[k] ?? k);
  const opening = likeReference
    ? `On the kit's ${probes.length} designed probes your ${exercise} answers the same as the reference, so the mistake shows only on other inputs, and the kit does not name it.`
    : `Your ${exercise} answers on the ${probes.length} designed probes match none of the ${members.length} candidate mistakes the kit generates for it, so it does not name one.\nRuled out: a slip in ${knobs.join(', ')}, alone or two together.`;
  // One part a line (a report shows the first as its sentence, the others under it, and `- ` lines as a list).
  return opening + (findings.trim() ? `\n${findings.trim()}` : '') + failingList(failing);
}

function failingList(failing: readonly CheckResult[]): string {
  const shown = failing.filter((c) => c.status === 'fail' || c.status === 'error').slice(0, 3);
  if (!shown.length) return '';
  const more =
    failing.length > shown.length
      ? ` (and ${failing.length - shown.length} more failing check${failing.length - shown.length === 1 ? '' : 's'})`
      : '';
  return `\nThe failing checks show what broke${more}:\n${shown.map((c) => `- ${c.id} (${c.title})${c.visibility === 'hidden' ? ', a hidden check' : ''}`).join('\n')}`;
}

function evidenceOf(probeCount: number, match: ProbeMatch): string {
  return `Your answers on all ${probeCount} designed probes equal this mistake's ${closenessOf(match)}, and no other known mistake's.`;
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
  return opening + failingList(failing);
}
