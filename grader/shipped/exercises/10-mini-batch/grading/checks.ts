import type { CheckDefinition } from '../../../checks/check';

/** Every check of 10-mini-batch, public and hidden, in report order. (Skeleton: the exercise's owner fills it.) */
export const miniBatchChecks: CheckDefinition<any>[] = [];
