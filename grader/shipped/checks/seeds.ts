import { randomInt } from 'node:crypto';

/**
 * The seed of the handout's public inputs. The handout ships, for every public check, the inputs
 * drawn with it and the reference's facts about them, so those inputs are public: grading never
 * draws from it unless told to with `--seed`.
 */
export const HANDOUT_SEED = 20261124;

/**
 * A seed for one grading run, from the operating system's cryptographic source: nobody can know a
 * run's inputs before it starts, so no answer can be memorised for them. Every report prints the
 * seed, and `--seed` with it replays the run exactly. Between 0 and 2³¹ − 1, which every `--seed`
 * flag accepts.
 */
export function freshSeed(): number {
  return randomInt(0, 2 ** 31);
}

/**
 * The seed of a check's random inputs. The checks of one exercise and visibility draw from one
 * stream: their first inputs coincide, so a call one of them makes (the cost of a sampled data
 * set, say) is usually one another made already, and the call cache answers it without running
 * it again. Public and hidden checks draw from separate streams, so no hidden input is ever shown,
 * and adding a check never moves another's inputs.
 */
export function inputSeed(runSeed: number, check: { readonly exercise: string; readonly visibility: string }): number {
  return fnv1a(`${runSeed}:${check.exercise}:${check.visibility}`);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash | 0;
}
