import type { ExerciseId } from '../exercises';
import type { CheckDefinition } from './check';
import { costChecks } from './cost-checks';
import { descentChecks } from './descent-checks';
import { gradientChecks } from './gradient-checks';
import { learningRateChecks } from './learning-rate-checks';
import { memoByIdentity } from './memo';
import { stepChecks } from './step-checks';
import { valleyChecks } from './valley-checks';

/**
 * A hidden check's calls are marked hidden, so the door runs them in realms of their own
 * (`CallRequest.hidden`). Its plan for an input is still made once per process.
 */
function withCallsMarked(checks: readonly CheckDefinition<any>[]): CheckDefinition[] {
  return checks.map((check) => (check.visibility === 'hidden' ? { ...check, plan: memoByIdentity((input) => check.plan(input).map((request) => ({ ...request, hidden: true }))) } : check));
}

/** Every check of the kit, by exercise, in the order reports list them. */
export const CHECKS: Readonly<Record<ExerciseId, readonly CheckDefinition[]>> = {
  '01-cost': withCallsMarked(costChecks),
  '02-gradient': withCallsMarked(gradientChecks),
  '03-step': withCallsMarked(stepChecks),
  '04-descent': withCallsMarked(descentChecks),
  '05-valley': withCallsMarked(valleyChecks),
  '06-learning-rate': withCallsMarked(learningRateChecks),
};

export const ALL_CHECKS: readonly CheckDefinition[] = Object.values(CHECKS).flat();
