import type { Probe } from '../../../../probes/probe';

/** 08-multivariate's designed probes. (Skeleton: the exercise's owner fills it.) */
export function multivariateProbes(): Probe[] {
  return [];
}
