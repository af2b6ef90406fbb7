import type { CheckDefinition } from '../shipped/checks/check';
import { EXERCISE_IDS, type ExerciseId } from '../shipped/contract/exercises';
import { costChecks } from '../shipped/exercises/01-cost/grading/checks';
import { costMistakes } from '../shipped/exercises/01-cost/grading/mistakes';
import { costProbes } from '../shipped/exercises/01-cost/grading/probes';
import { costSpace } from '../shipped/exercises/01-cost/grading/mistakes/space';
import { gradientChecks } from '../shipped/exercises/02-gradient/grading/checks';
import { gradientMistakes } from '../shipped/exercises/02-gradient/grading/mistakes';
import { gradientProbes } from '../shipped/exercises/02-gradient/grading/probes';
import { gradientSpace } from '../shipped/exercises/02-gradient/grading/mistakes/space';
import { stepChecks } from '../shipped/exercises/03-step/grading/checks';
import { stepMistakes } from '../shipped/exercises/03-step/grading/mistakes';
import { stepProbes } from '../shipped/exercises/03-step/grading/probes';
import { stepSpace } from '../shipped/exercises/03-step/grading/mistakes/space';
import { descentChecks } from '../shipped/exercises/04-descent/grading/checks';
import { descentMistakes } from '../shipped/exercises/04-descent/grading/mistakes';
import { descentProbes } from '../shipped/exercises/04-descent/grading/probes';
import { descentSpace } from '../shipped/exercises/04-descent/grading/mistakes/space';
import { valleyChecks } from '../shipped/exercises/05-valley/grading/checks';
import { valleyMistakes } from '../shipped/exercises/05-valley/grading/mistakes';
import { valleyProbes } from '../shipped/exercises/05-valley/grading/probes';
import { valleySpace } from '../shipped/exercises/05-valley/grading/mistakes/space';
import { learningRateChecks } from '../shipped/exercises/06-learning-rate/grading/checks';
import { learningRateMistakes } from '../shipped/exercises/06-learning-rate/grading/mistakes';
import { learningRateProbes } from '../shipped/exercises/06-learning-rate/grading/probes';
import { learningRateSpace } from '../shipped/exercises/06-learning-rate/grading/mistakes/space';
import { scalingChecks } from '../shipped/exercises/07-feature-scaling/grading/checks';
import { scalingMistakes } from '../shipped/exercises/07-feature-scaling/grading/mistakes';
import { scalingProbes } from '../shipped/exercises/07-feature-scaling/grading/probes';
import { scalingSpace } from '../shipped/exercises/07-feature-scaling/grading/mistakes/space';
import { multivariateChecks } from '../shipped/exercises/08-multivariate/grading/checks';
import { multivariateMistakes } from '../shipped/exercises/08-multivariate/grading/mistakes';
import { multivariateProbes } from '../shipped/exercises/08-multivariate/grading/probes';
import { multivariateSpace } from '../shipped/exercises/08-multivariate/grading/mistakes/space';
import { normalEquationChecks } from '../shipped/exercises/09-normal-equation/grading/checks';
import { normalEquationMistakes } from '../shipped/exercises/09-normal-equation/grading/mistakes';
import { normalEquationProbes } from '../shipped/exercises/09-normal-equation/grading/probes';
import { normalEquationSpace } from '../shipped/exercises/09-normal-equation/grading/mistakes/space';
import { miniBatchChecks } from '../shipped/exercises/10-mini-batch/grading/checks';
import { miniBatchMistakes } from '../shipped/exercises/10-mini-batch/grading/mistakes';
import { miniBatchProbes } from '../shipped/exercises/10-mini-batch/grading/probes';
import { miniBatchSpace } from '../shipped/exercises/10-mini-batch/grading/mistakes/space';
import { momentumChecks } from '../shipped/exercises/11-momentum/grading/checks';
import { momentumMistakes } from '../shipped/exercises/11-momentum/grading/mistakes';
import { momentumProbes } from '../shipped/exercises/11-momentum/grading/probes';
import { momentumSpace } from '../shipped/exercises/11-momentum/grading/mistakes/space';
import { memoByIdentity } from '../shipped/memo';
import type { Probe } from '../probes/probe';
import type { MistakeSpace } from '../mistake-space/space';

/** What a student understands, what the code does and why that is wrong, and where to look: one known mistake's text. */
export interface MistakeText {
  readonly name: string;
  readonly explanation: string;
  readonly hint: string;
}

/** An exercise's grader-only material, all of it in `grader/shipped/exercises/<id>/grading/`. */
export interface ExerciseGrading {
  /** Every check, public and hidden, in the order reports list them. */
  readonly checks: readonly CheckDefinition<any>[];
  /** The designed probes the diagnosis runs (built on first use: some read data.csv). */
  readonly probes: () => Probe[];
  /** The known mistakes' texts, by slug; each slug is a variant file under `grading/mistakes/<id>/`. */
  readonly mistakes: Readonly<Record<string, MistakeText>>;
  /** The mistakes generated from operators on the exercise's mathematics; the catalogue's entries are members of it. */
  readonly space?: MistakeSpace<any>;
}

/** Every exercise's grading material: one line each. */
export const GRADING: Readonly<Record<ExerciseId, ExerciseGrading>> = {
  '01-cost': { checks: costChecks, probes: costProbes, mistakes: costMistakes, space: costSpace },
  '02-gradient': { checks: gradientChecks, probes: gradientProbes, mistakes: gradientMistakes, space: gradientSpace },
  '03-step': { checks: stepChecks, probes: stepProbes, mistakes: stepMistakes, space: stepSpace },
  '04-descent': { checks: descentChecks, probes: descentProbes, mistakes: descentMistakes, space: descentSpace },
  '05-valley': { checks: valleyChecks, probes: valleyProbes, mistakes: valleyMistakes, space: valleySpace },
  '06-learning-rate': {
    checks: learningRateChecks,
    probes: learningRateProbes,
    mistakes: learningRateMistakes,
    space: learningRateSpace,
  },
  '07-feature-scaling': {
    checks: scalingChecks,
    probes: scalingProbes,
    mistakes: scalingMistakes,
    space: scalingSpace,
  },
  '08-multivariate': {
    checks: multivariateChecks,
    probes: multivariateProbes,
    mistakes: multivariateMistakes,
    space: multivariateSpace,
  },
  '09-normal-equation': {
    checks: normalEquationChecks,
    probes: normalEquationProbes,
    mistakes: normalEquationMistakes,
    space: normalEquationSpace,
  },
  '10-mini-batch': {
    checks: miniBatchChecks,
    probes: miniBatchProbes,
    mistakes: miniBatchMistakes,
    space: miniBatchSpace,
  },
  '11-momentum': { checks: momentumChecks, probes: momentumProbes, mistakes: momentumMistakes, space: momentumSpace },
};

/**
 * A hidden check's calls are marked hidden, so the door runs them in realms of their own
 * (`CallRequest.hidden`). Its plan for an input is still made once per process.
 */
function withCallsMarked(checks: readonly CheckDefinition<any>[]): CheckDefinition[] {
  return checks.map((check) =>
    check.visibility === 'hidden'
      ? {
          ...check,
          plan: memoByIdentity((input) => check.plan(input).map((request) => ({ ...request, hidden: true }))),
        }
      : check,
  );
}

/** Every check of the kit, by exercise, in the order reports list them. */
export const CHECKS: Readonly<Record<ExerciseId, readonly CheckDefinition[]>> = markedChecks();

function markedChecks(): Record<ExerciseId, readonly CheckDefinition[]> {
  const checks = {} as Record<ExerciseId, readonly CheckDefinition[]>;
  for (const exercise of EXERCISE_IDS) checks[exercise] = withCallsMarked(GRADING[exercise].checks);
  return checks;
}

export const ALL_CHECKS: readonly CheckDefinition[] = Object.values(CHECKS).flat();
