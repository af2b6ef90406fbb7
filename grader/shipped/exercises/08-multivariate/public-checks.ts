import type { CheckDefinition, Judge } from '../../checks/check';

/** 08-multivariate's public checks that need no reference. (Skeleton: the exercise's owner fills it.) */
export const multivariateProperties: Record<string, CheckDefinition<any>> = {};

/** The judges of 08-multivariate's public checks judged from the reference's facts. */
export const multivariateJudges: Record<string, Judge<any, any>> = {};
