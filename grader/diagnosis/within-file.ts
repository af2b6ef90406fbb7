import { CHECKS } from '../grading';
import type { CheckDefinition } from '../shipped/checks/check';
import { inputsOf } from '../shipped/checks/run-check';
import type { ExerciseId, ExportName } from '../shipped/contract/exercises';
import type { CallRequest, SubmissionPort } from '../shipped/door/port';
import { multivariateWithinFile } from '../shipped/exercises/08-multivariate/grading/own-exports';
import type { CheckResult, Diagnosis, ExerciseResult, RootCause } from '../shipped/results/model';

/**
 * An export that builds on other exports of its own file (08's gradientDescentMulti on predict,
 * computeCostMulti and computeGradientMulti). An isolated world lends the reference only in place of
 * other files, so such an export cannot be graded over the reference; instead its calls are
 * re-derived from the student's own functions at the student's own iterates.
 */
export interface WithinFileFoundations {
  readonly dependent: ExportName;
  readonly foundations: readonly ExportName[];
  /** Re-derives every call of `dependent` among `calls`; undefined when a call gave no answer. */
  rederive(port: SubmissionPort, calls: readonly CallRequest[]): Promise<Rederivation | undefined>;
}

export interface Rederivation {
  /** The student's own functions the dependent's answers follow, where they follow one rather than the course's formula. */
  readonly follows: readonly ExportName[];
  /** Every answer follows one source throughout. */
  readonly consistent: boolean;
  /** The re-derivation tells the real computation from one that echoes its start or never looks again. */
  readonly informative: boolean;
  /** What was found, in words, to follow "Re-derived at your own iterates, …". */
  readonly text: string;
}

const WITHIN_FILE: Partial<Record<ExerciseId, WithinFileFoundations>> = {
  '08-multivariate': multivariateWithinFile,
};

export interface WithinFileOutcome {
  /** The exercise's result with the dependent's checks graded over the student's own functions: set only when its own logic is right. */
  readonly regraded?: ExerciseResult;
  /** The root cause, once the exercise's own diagnosis is known. */
  rootCause(diagnosisOf: (id: ExerciseId) => Diagnosis | undefined): RootCause;
}

const failed = (r: CheckResult) => r.status === 'fail' || r.status === 'error';

/**
 * The within-file counterpart of grading in isolation (grader/diagnosis/index.ts): when the
 * dependent export failed checks and a function of its own file that it may call lost points, its
 * failing calls are re-derived from that student's own functions. When every answer follows them
 * (and the re-derivation can tell a loop from an echo), the dependent's checks keep their points,
 * as 04's do over a broken 02; when its answers follow a broken function but still disagree, the
 * dependent has a mistake of its own and keeps its score. Undefined when the dependent does not
 * follow a broken function of its file, or nothing could be re-derived.
 */
export async function gradeWithinFile(
  result: ExerciseResult,
  port: SubmissionPort,
): Promise<WithinFileOutcome | undefined> {
  const spec = WITHIN_FILE[result.exercise];
  if (!spec) return undefined;
  const graded = result.checks.flatMap((r) => {
    const check = CHECKS[result.exercise].find((c) => c.id === r.id);
    return check ? [{ result: r, check, calls: callsOf(check, r) }] : [];
  });
  const only = (calls: readonly CallRequest[], fns: readonly ExportName[]) => calls.every((c) => fns.includes(c.fn));
  const purity = (calls: readonly CallRequest[]) => calls.some((c) => c.observeArguments || c.repeat);
  const dependent = graded.filter((g) => only(g.calls, [spec.dependent]));
  const failing = dependent.filter((g) => failed(g.result));
  const broken = spec.foundations.filter((fn) => graded.some((g) => only(g.calls, [fn]) && g.result.status !== 'pass'));
  if (!failing.length || !broken.length) return undefined;

  const calls = [...new Set(failing.filter((g) => !purity(g.calls)).flatMap((g) => g.calls))];
  const rederived = calls.length ? await spec.rederive(port, calls) : undefined;
  const used = rederived?.follows.filter((fn) => broken.includes(fn)) ?? [];
  if (!rederived || !used.length) return undefined;
  const purityInherited = failing
    .filter((g) => purity(g.calls))
    .every(() => graded.some((g) => purity(g.calls) && only(g.calls, spec.foundations) && failed(g.result)));
  const restored = rederived.consistent && rederived.informative && purityInherited;

  const lost = dependent.reduce((s, g) => s + g.result.maxPoints - g.result.points, 0);
  const worth = dependent.reduce((s, g) => s + g.result.maxPoints, 0);
  const regraded = restored
    ? keepPoints(result, new Set(dependent.map((g) => g.result.id)), spec.dependent)
    : undefined;
  return {
    regraded,
    rootCause: (diagnosisOf) => {
      const diagnosis = diagnosisOf(result.exercise);
      const yours = used.map((fn) => `your ${fn}`).join(' and ');
      const named = diagnosis ? ` The diagnosis of this file: “${diagnosis.name}” (${diagnosis.id}).` : '';
      const opening = `${result.exercise}'s ${spec.dependent} uses ${yours}, which lost points here.${named}`;
      if (restored)
        return {
          brokenDependency: result.exercise,
          gradedInIsolation: true,
          message:
            `${opening} With ${used.length === 1 ? 'it' : 'them'}, ${spec.dependent} lost ${lost} of its ${worth} points. ` +
            `The reference cannot take the place of functions in your own file, so each of its runs was re-derived from your own functions at your own iterates instead: ${rederived.text}. ` +
            `Its own logic is right, so its checks keep their points. Fix ${used.join(' and ')} and ${spec.dependent} will pass as it is.`,
        };
      const why = !rederived.consistent
        ? `Re-derived from your own functions at your own iterates, ${rederived.text}, so ${spec.dependent} has a mistake of its own.`
        : !rederived.informative
          ? `Re-derived from your own functions at your own iterates, ${rederived.text}; but the gradient it follows does not change along its runs, which cannot tell a loop that takes a fresh gradient at every step from one that does not.`
          : `Its answers follow your own functions, but its check “${failing.find((g) => purity(g.calls))!.result.title}” fails on its own.`;
      return {
        brokenDependency: result.exercise,
        gradedInIsolation: false,
        message: `${opening} ${why} Its score is the one your own code earned.`,
      };
    },
  };
}

/** Every request a check made, on the inputs it drew (its seed is the one it ran with). */
function callsOf(check: CheckDefinition, result: CheckResult): CallRequest[] {
  return inputsOf(check, result.seed).flatMap((input) => check.plan(input));
}

/** The result with the dependent's checks passed at full points, and any of them held back only for the dependent released. */
function keepPoints(result: ExerciseResult, ids: ReadonlySet<string>, dependent: ExportName): ExerciseResult {
  const checks = result.checks.map((r): CheckResult => {
    if (!ids.has(r.id)) return r;
    if (failed(r))
      return {
        id: r.id,
        exercise: r.exercise,
        title: r.title,
        kind: r.kind,
        visibility: r.visibility,
        status: 'pass',
        points: r.maxPoints,
        maxPoints: r.maxPoints,
        seed: r.seed,
        runs: r.runs,
        message: `passed when graded over your own functions (see the root cause)`,
      };
    if (r.heldBack && r.heldBack.exports.every((fn) => fn === dependent)) {
      const { heldBack: _, ...released } = r;
      return { ...released, points: r.maxPoints };
    }
    return r;
  });
  return { ...result, checks, score: checks.reduce((s, c) => s + c.points, 0) };
}
