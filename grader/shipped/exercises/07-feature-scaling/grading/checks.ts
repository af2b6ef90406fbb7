import type { CheckDefinition } from '../../../checks/check';

/** Every check of 07-feature-scaling, public and hidden, in report order. (Skeleton: the exercise's owner fills it.) */
export const scalingChecks: CheckDefinition<any>[] = [];
