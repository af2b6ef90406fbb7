import type { ExerciseId } from '../exercises';
import type { CheckDefinition } from './check';
import { costChecks } from './cost-checks';
import { descentChecks } from './descent-checks';
import { gradientChecks } from './gradient-checks';
import { learningRateChecks } from './learning-rate-checks';
import { stepChecks } from './step-checks';
import { valleyChecks } from './valley-checks';

/** Every check of the kit, by exercise, in the order reports list them. */
export const CHECKS: Readonly<Record<ExerciseId, readonly CheckDefinition[]>> = {
  '01-cost': costChecks as CheckDefinition[],
  '02-gradient': gradientChecks as CheckDefinition[],
  '03-step': stepChecks as CheckDefinition[],
  '04-descent': descentChecks as CheckDefinition[],
  '05-valley': valleyChecks as CheckDefinition[],
  '06-learning-rate': learningRateChecks as CheckDefinition[],
};

export const ALL_CHECKS: readonly CheckDefinition[] = Object.values(CHECKS).flat();
