import type { CheckDefinition, Judge } from '../../checks/check';

/** 09-normal-equation's public checks that need no reference. (Skeleton: the exercise's owner fills it.) */
export const normalEquationProperties: Record<string, CheckDefinition<any>> = {};

/** The judges of 09-normal-equation's public checks judged from the reference's facts. */
export const normalEquationJudges: Record<string, Judge<any, any>> = {};
