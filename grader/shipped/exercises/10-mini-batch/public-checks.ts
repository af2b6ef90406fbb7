import type { CheckDefinition, Judge } from '../../checks/check';

/** An `order` argument as the door sends it: the permutation of 0 … N−1 for each epoch, in turn. */
export interface EpochOrder {
  readonly permutations: readonly (readonly number[])[];
}

/**
 * The `order(epoch)` function a `{ $order }` argument becomes, here and in the realm
 * (grader/shipped/door/realm-kit.js `epochOrder`, which must agree): the epoch's permutation as a
 * fresh array; an epoch past the last, negative, fractional or not a number wraps onto the list.
 */
export function epochOrder(spec: EpochOrder): (epoch: number) => number[] {
  const count = spec.permutations.length;
  return (epoch) => {
    let k = typeof epoch === 'number' && Number.isFinite(epoch) ? Math.trunc(epoch) : 0;
    k = count ? ((k % count) + count) % count : 0;
    return count ? [...spec.permutations[k]] : [];
  };
}

/** 10-mini-batch's public checks that need no reference. (Skeleton: the exercise's owner fills it.) */
export const miniBatchProperties: Record<string, CheckDefinition<any>> = {};

/** The judges of 10-mini-batch's public checks judged from the reference's facts. */
export const miniBatchJudges: Record<string, Judge<any, any>> = {};
