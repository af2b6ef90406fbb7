import fc from 'fast-check';

/** The fixed seed of every space's fingerprint inputs: a space's members are the same in every run. */
export const FINGERPRINT_SEED = 20261207;

/** `count` values of an arbitrary, the same ones in every run. */
export function sampled<T>(arbitrary: fc.Arbitrary<T>, count: number, seed = FINGERPRINT_SEED): T[] {
  return fc.sample(arbitrary, { seed, numRuns: count });
}
