/**
 * What of the checks travels with the handout, because none of it needs the reference: the public
 * checks that are properties of the student's own answers (whole, with their inputs, so that
 * fast-check shrinks a failure there too), and the judges of the public checks that need the
 * reference's facts (the handout carries those facts for the inputs drawn with the handout's seed).
 * Nothing under this folder may import solutions/; grader/handout refuses to build if it does.
 */
import type { ExerciseId } from '../contract/exercises';
import type { CheckDefinition, Judge } from '../checks/check';
import { costJudges, costProperties } from './01-cost/public-checks';
import { descentJudges } from './04-descent/public-checks';
import { gradientJudges, gradientProperties } from './02-gradient/public-checks';
import { learningRateJudges, learningRateProperties } from './06-learning-rate/public-checks';
import { stepJudges, stepProperties } from './03-step/public-checks';
import { valleyJudges, valleyProperties } from './05-valley/public-checks';
import { scalingJudges, scalingProperties } from './07-feature-scaling/public-checks';
import { multivariateJudges, multivariateProperties } from './08-multivariate/public-checks';
import { normalEquationJudges, normalEquationProperties } from './09-normal-equation/public-checks';
import { miniBatchJudges, miniBatchProperties } from './10-mini-batch/public-checks';
import { momentumJudges, momentumProperties } from './11-momentum/public-checks';

const byExercise: Record<
  ExerciseId,
  { properties: Record<string, CheckDefinition<any>>; judges: Record<string, Judge<any, any>> }
> = {
  '01-cost': { properties: costProperties, judges: costJudges },
  '02-gradient': { properties: gradientProperties, judges: gradientJudges },
  '03-step': { properties: stepProperties, judges: stepJudges },
  '04-descent': { properties: {}, judges: descentJudges },
  '05-valley': { properties: valleyProperties, judges: valleyJudges },
  '06-learning-rate': { properties: learningRateProperties, judges: learningRateJudges },
  '07-feature-scaling': { properties: scalingProperties, judges: scalingJudges },
  '08-multivariate': { properties: multivariateProperties, judges: multivariateJudges },
  '09-normal-equation': { properties: normalEquationProperties, judges: normalEquationJudges },
  '10-mini-batch': { properties: miniBatchProperties, judges: miniBatchJudges },
  '11-momentum': { properties: momentumProperties, judges: momentumJudges },
};

/** The public checks that travel whole, by check id. */
export const PORTABLE_CHECKS: ReadonlyMap<string, CheckDefinition> = new Map(
  Object.values(byExercise).flatMap(({ properties }) =>
    Object.values(properties).map((check): [string, CheckDefinition] => [check.id, check as CheckDefinition]),
  ),
);

/** The judges of the public checks that travel as facts, by check id. */
export const PORTABLE_JUDGES: ReadonlyMap<string, Judge<any, any>> = new Map(
  Object.entries(byExercise).flatMap(([exercise, { judges }]) =>
    Object.entries(judges).map(([slug, judge]): [string, Judge<any, any>] => [`${exercise}/${slug}`, judge]),
  ),
);
