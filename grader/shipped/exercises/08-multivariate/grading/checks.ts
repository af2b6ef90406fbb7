import type { CheckDefinition } from '../../../checks/check';

/** Every check of 08-multivariate, public and hidden, in report order. (Skeleton: the exercise's owner fills it.) */
export const multivariateChecks: CheckDefinition<any>[] = [];
