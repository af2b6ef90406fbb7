import type { CheckDefinition, CheckInput } from '../shipped/checks/check';
import type { ExportName } from '../shipped/contract/exercises';
import type { CheckResult, HeldBack } from '../shipped/results/model';

/*
 * How points are earned. A check *vouches* for the exports it calls when it compares their answers
 * with the reference's on inputs drawn from the run's seed: nobody knows those inputs before the
 * run, so no answer can be memorised for them, and no answer that computes nothing (a constant, an
 * argument echoed back) matches the reference on them. Every other check pays only beside such a
 * proof: a property (which a constant often satisfies: never negative, order changes nothing, the
 * cost never rises) and a fixed example (a worked example, the published run, which can be
 * memorised) earn their points only when every export they call passed at least one check that
 * vouches for it, in the same exercise and world. A passing check whose points are held back says
 * so, and why, in `heldBack`.
 */

/** True when a passing `check` proves that the exports it calls compute: a reference comparison on freshly drawn inputs. */
export function vouches(check: CheckDefinition): boolean {
  return check.kind === 'reference' && !check.examples;
}

/** The exports a check calls on these inputs (the engine's inputs are one array per check and seed, so this is worked out once per run). */
export function exportsCalled(check: CheckDefinition, inputs: readonly CheckInput[]): readonly ExportName[] {
  let byInputs = calledBy.get(check);
  if (!byInputs) calledBy.set(check, (byInputs = new WeakMap()));
  let exports = byInputs.get(inputs);
  if (!exports)
    byInputs.set(
      inputs,
      (exports = [...new Set(inputs.flatMap((input) => check.plan(input).map((request) => request.fn)))]),
    );
  return exports;
}

/** Two checks may share their examples (leastSquares and maxStableLearningRate share the closed-form ones): keyed by check, then inputs. */
const calledBy = new WeakMap<CheckDefinition, WeakMap<readonly CheckInput[], readonly ExportName[]>>();

export interface GradedCheck {
  readonly check: CheckDefinition;
  readonly result: CheckResult;
  /** The exports its calls went to. */
  readonly exports: readonly ExportName[];
}

/** One exercise's results with the rubric applied: a passing check that does not vouch keeps its points only when every export it calls is vouched for. */
export function applyRubric(graded: readonly GradedCheck[]): CheckResult[] {
  const vouched = new Set(
    graded.filter((g) => vouches(g.check) && g.result.status === 'pass').flatMap((g) => g.exports),
  );
  return graded.map(({ check, result, exports }) => {
    if (result.status !== 'pass' || vouches(check)) return result;
    const unproven = exports.filter((fn) => !vouched.has(fn));
    if (!unproven.length) return result;
    const vouchers = graded.filter((g) => vouches(g.check) && g.exports.some((fn) => unproven.includes(fn)));
    return { ...result, points: 0, heldBack: heldBack(unproven, vouchers) };
  });
}

function heldBack(exports: readonly ExportName[], vouchers: readonly GradedCheck[]): HeldBack {
  const which =
    exports.length === 1 ? exports[0] : `${exports.slice(0, -1).join(', ')} and ${exports[exports.length - 1]}`;
  const failed = vouchers.map((v) => `“${v.result.title}”`);
  const evidence = failed.length ? ` (${failed.join(', ')} did not pass)` : '';
  return {
    exports,
    vouchers: vouchers.map((v) => v.result.id),
    message:
      `Held back: this check passed, but it pays only when ${which} also ${exports.length === 1 ? 'matches' : 'match'} the reference on fresh inputs${evidence}. ` +
      'A property or a fixed example can hold for code that does not compute the answer, so its points count once the answer is right on inputs drawn for this run.',
  };
}
