import type { CheckDefinition } from '../../../checks/check';

/** Every check of 11-momentum, public and hidden, in report order. (Skeleton: the exercise's owner fills it.) */
export const momentumChecks: CheckDefinition<any>[] = [];
