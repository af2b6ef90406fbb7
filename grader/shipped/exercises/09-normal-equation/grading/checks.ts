import type { CheckDefinition } from '../../../checks/check';

/** Every check of 09-normal-equation, public and hidden, in report order. (Skeleton: the exercise's owner fills it.) */
export const normalEquationChecks: CheckDefinition<any>[] = [];
