import type { SubmissionPort } from '../shipped/door/port';
import { foundationsOf, type ExerciseId } from '../shipped/contract/exercises';
import type { CheckResult, Diagnosis, ExerciseResult, Observation, RootCause } from '../shipped/results/model';
import type { Submission } from '../shipped/submission/read-submission';
import { dependencyChains, EXPORTED_NAMES } from '../shipped/submission/dependencies';
import { diagnoseExercise, type DiagnosisOutcome } from './diagnose';
import { learningRateObservations } from './learning-rate-feedback';
import { checkAgainstOwnCost, ownCostObservation } from './own-cost-consistency';
import { gradeWithinFile, type WithinFileOutcome } from './within-file';

export { CATALOGUE, catalogueOf, type CatalogueEntry } from './catalogue';
export { diagnoseExercise } from './diagnose';
export { probesOf } from './probes';

export interface ExplainContext {
  readonly submission: Submission;
  readonly port: SubmissionPort;
  /** Every exercise graded on the student's own code throughout, in exercise order. */
  readonly results: readonly ExerciseResult[];
  /** Grades one exercise again with the reference in place of every other exercise. */
  gradeIsolated(exercise: ExerciseId): Promise<ExerciseResult>;
}

interface Isolation {
  readonly chains: Map<ExerciseId, ExerciseId[]>;
  readonly broken: readonly ExerciseId[];
  readonly studentWorld: ExerciseResult;
  readonly isolated: ExerciseResult;
}

const lostPoints = (r: ExerciseResult) => r.score < r.maxScore;

/**
 * Explains what the checks found, after grading: root causes across exercises (an exercise that
 * failed because one it builds on is broken), a named mistake for every exercise that lost
 * points, and observations that are not failures. Isolation can only keep or restore full marks
 * for an exercise whose own file passes every check on top of the reference; it never raises a
 * score otherwise.
 */
export async function explainSubmission(context: ExplainContext): Promise<ExerciseResult[]> {
  const { submission, port, results } = context;
  const studentWorld = new Map(results.map((r) => [r.exercise, r]));
  const finals = new Map<ExerciseId, ExerciseResult>();
  const isolations = new Map<ExerciseId, Isolation>();

  for (const result of results) {
    const chains = dependencyChains(submission, result.exercise);
    const foundations = foundationsOf(result.exercise);
    const broken = [...chains.keys()].filter(
      (d) => foundations.includes(d) && studentWorld.has(d) && lostPoints(studentWorld.get(d)!),
    );
    if (!lostPoints(result) || !broken.length) {
      finals.set(result.exercise, result);
      continue;
    }
    const isolated = await context.gradeIsolated(result.exercise);
    isolations.set(result.exercise, { chains, broken, studentWorld: result, isolated });
    finals.set(result.exercise, lostPoints(isolated) ? result : isolated);
  }

  const withinFile = new Map<ExerciseId, WithinFileOutcome>();
  for (const result of finals.values()) {
    const outcome = lostPoints(result) ? await gradeWithinFile(result, port) : undefined;
    if (outcome) withinFile.set(result.exercise, outcome);
    if (outcome?.regraded) finals.set(result.exercise, outcome.regraded);
  }

  const outcomes = new Map<ExerciseId, DiagnosisOutcome>();
  for (const result of finals.values()) {
    if (!lostPoints(result)) continue;
    outcomes.set(
      result.exercise,
      await diagnoseExercise(
        result.exercise,
        port,
        result.checks.filter((c) => c.status !== 'pass'),
      ),
    );
  }
  const diagnosisOf = (id: ExerciseId): Diagnosis | undefined => {
    const outcome = outcomes.get(id);
    return outcome?.kind === 'named' ? outcome.diagnosis : undefined;
  };

  const ownCost =
    finals.has('02-gradient') && lostPoints(finals.get('02-gradient')!)
      ? ownCostObservation(await checkAgainstOwnCost(port))
      : undefined;
  const descent = finals.get('04-descent');
  const rateAdvice =
    descent && !lostPoints(descent)
      ? await learningRateObservations(port, isolations.has('04-descent') ? 'isolated' : 'student')
      : [];

  return results.map((original) => {
    const id = original.exercise;
    let result = finals.get(id)!;
    const isolation = isolations.get(id);
    if (isolation) result = { ...result, rootCause: rootCauseOf(id, isolation, finals, diagnosisOf) };
    const within = withinFile.get(id);
    if (within) result = { ...result, rootCause: within.rootCause(diagnosisOf) };
    const outcome = outcomes.get(id);
    if (outcome?.kind === 'named') {
      const evidence =
        id === '02-gradient' && ownCost
          ? `${outcome.diagnosis.evidence} Against your own computeCost: ${ownCost.title.toLowerCase()} (see the observation).`
          : outcome.diagnosis.evidence;
      result = { ...result, diagnosis: { ...outcome.diagnosis, evidence } };
    }
    if (outcome?.kind === 'unrecognised') result = { ...result, unrecognised: outcome.message };
    const observations: Observation[] = [
      ...(id === '02-gradient' && ownCost ? [ownCost] : []),
      ...(id === '04-descent' ? rateAdvice : []),
    ];
    if (observations.length) result = { ...result, observations: [...(result.observations ?? []), ...observations] };
    return result;
  });
}

/**
 * The broken exercise to blame: the lowest one this exercise builds on whose own file is wrong
 * (it lost points even with the reference beneath it), else the lowest broken one.
 */
function rootCauseOf(
  id: ExerciseId,
  isolation: Isolation,
  finals: Map<ExerciseId, ExerciseResult>,
  diagnosisOf: (id: ExerciseId) => Diagnosis | undefined,
): RootCause {
  const ownFault = isolation.broken.filter((d) => finals.has(d) && lostPoints(finals.get(d)!));
  const root = ownFault[0] ?? isolation.broken[0];
  const chain = isolation.chains.get(root)!;
  const path = chain
    .map((d, i) => `${i === 0 ? 'uses your' : ', which uses your'} ${EXPORTED_NAMES[d]} (${d})`)
    .join('');
  const what = brokenness(finals.get(root), diagnosisOf(root));
  const gradedInIsolation = !lostPoints(isolation.isolated);
  const others = isolation.broken.filter((d) => d !== root && !chain.includes(d));
  const also = others.length ? ` It also builds on ${others.join(' and ')}, which lost points too.` : '';
  if (gradedInIsolation) {
    return {
      brokenDependency: root,
      gradedInIsolation,
      message:
        `${id} ${path}, which ${what}.${also} With your own ${root} it lost ${isolation.studentWorld.maxScore - isolation.studentWorld.score} of ${isolation.studentWorld.maxScore} points. ` +
        `To grade this file on its own, its checks were run again with the reference solutions in place of your other exercises (graded in isolation): it passes them all, so it keeps its full marks. Fix ${root} and ${id} will pass as it is.`,
    };
  }
  const stillFailing = isolation.isolated.checks.filter((c) => c.status !== 'pass');
  const wrongAnswers = stillFailing.filter((c) => c.status === 'fail').length;
  const own = diagnosisOf(id);
  const verdict = wrongAnswers
    ? `Even with the reference solutions in place of your other exercises, ${wrongAnswers} of this exercise's checks still get wrong answers, so this file has a mistake of its own${own ? ` (“${own.name}”)` : ''}.`
    : `It could not be graded on its own either: ${couldNotRun(stillFailing[0])}`;
  return {
    brokenDependency: root,
    gradedInIsolation,
    message: `${id} ${path}, which ${what}.${also} ${verdict} Its score is the one your own code earned.`,
  };
}

/**
 * Why a check could not run in the isolated world, by title and error kind only: a message written
 * there may quote the reference that world lends (or a hidden input), and this text reaches the
 * student whatever the check's visibility.
 */
function couldNotRun(check: CheckResult | undefined): string {
  if (!check) return 'its checks could not run.';
  const why =
    check.status === 'not-implemented'
      ? 'is not implemented yet'
      : check.callError === 'crashed'
        ? 'crashed the process that ran it'
        : 'could not run';
  return `its check “${check.title}” ${why}.`;
}

/** What is wrong with the exercise to blame, in the words of a root-cause message: "which …". */
function brokenness(result: ExerciseResult | undefined, diagnosis: Diagnosis | undefined): string {
  if (diagnosis) return `is broken: recognised as “${diagnosis.name}” (${diagnosis.id})`;
  if (result && result.module.state !== 'loaded')
    return `could not be loaded (${result.file}: ${result.module.state.replace('-', ' ')})`;
  if (result && result.checks.every((c) => c.status === 'pass' || c.status === 'not-implemented'))
    return 'is not implemented yet';
  return 'is broken: see its failing checks';
}
