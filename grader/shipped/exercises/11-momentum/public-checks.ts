import type { CheckDefinition, Judge } from '../../checks/check';

/** 11-momentum's public checks that need no reference. (Skeleton: the exercise's owner fills it.) */
export const momentumProperties: Record<string, CheckDefinition<any>> = {};

/** The judges of 11-momentum's public checks judged from the reference's facts. */
export const momentumJudges: Record<string, Judge<any, any>> = {};
