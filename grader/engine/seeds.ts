/** The seed every grading run uses unless told otherwise; printed in every report. */
export const DEFAULT_SEED = 20261124;

/** A check's own seed: FNV-1a of the run's seed and the check id, so adding a check never moves another's inputs. */
export function checkSeed(runSeed: number, checkId: string): number {
  let hash = 0x811c9dc5;
  for (const char of `${runSeed}:${checkId}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash | 0;
}
