import type { CheckDefinition, Judge } from '../../checks/check';

/** 07-feature-scaling's public checks that need no reference. (Skeleton: the exercise's owner fills it.) */
export const scalingProperties: Record<string, CheckDefinition<any>> = {};

/** The judges of 07-feature-scaling's public checks judged from the reference's facts. */
export const scalingJudges: Record<string, Judge<any, any>> = {};
