import type { Probe } from '../../../../probes/probe';

/** 11-momentum's designed probes. (Skeleton: the exercise's owner fills it.) */
export function momentumProbes(): Probe[] {
  return [];
}
