/**
 * Writes a seeded set of generated slips, each classified against the reference, and prints how
 * many there are per exercise and per kind of mutation.
 * Run: node -r ts-node/register scripts/slip-generator/cli.ts --seed 1 --per-exercise 40 --out <dir>
 *      [--exercise <id>]…
 * Writes <dir>/<exercise>/<id>.ts for each slip and <dir>/slips.json (id, exercise, base, mutations,
 * kinds, equivalent, firstDifference).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { EXERCISE_IDS, type ExerciseId } from '../../grader/shipped/contract/exercises';
import { generateSlips, type GeneratedSlip } from './mutate';
import { behavesLikeReference } from './oracle';
import { summary, type ClassifiedSlip } from './summary';

const USAGE =
  'usage: node -r ts-node/register scripts/slip-generator/cli.ts --seed <n> --per-exercise <n> --out <dir> [--exercise <id>]…';

function fail(message: string): never {
  console.error(`slip generator: ${message}\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(flag: string, text: string | undefined): number {
  if (text === undefined) fail(`--${flag} is missing`);
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 0) fail(`--${flag} must be a whole number ≥ 0, not "${text}"`);
  return value;
}

function main(): void {
  let values: { seed?: string; 'per-exercise'?: string; out?: string; exercise?: string[] };
  try {
    ({ values } = parseArgs({
      options: {
        seed: { type: 'string' },
        'per-exercise': { type: 'string' },
        out: { type: 'string' },
        exercise: { type: 'string', multiple: true },
      },
    }));
  } catch (error) {
    fail((error as Error).message);
  }
  const seed = wholeNumber('seed', values.seed);
  const perExercise = wholeNumber('per-exercise', values['per-exercise']);
  if (!values.out) fail('--out is missing');
  const unknown = (values.exercise ?? []).filter((e) => !(EXERCISE_IDS as readonly string[]).includes(e));
  if (unknown.length) fail(`no exercise ${unknown.join(', ')}; the exercises are ${EXERCISE_IDS.join(', ')}`);
  const out = resolve(values.out);
  const exercises = values.exercise?.length ? (values.exercise as ExerciseId[]) : undefined;

  const started = Date.now();
  const slips = generateSlips({ seed, perExercise, exercises });
  const classified = slips.map((slip) => classify(slip, seed));
  for (const slip of slips) {
    mkdirSync(join(out, slip.exercise), { recursive: true });
    writeFileSync(join(out, slip.exercise, `${slip.id}.ts`), slip.source);
  }
  writeFileSync(join(out, 'slips.json'), `${JSON.stringify(classified, null, 2)}\n`);
  console.log(summary(classified));
  console.log(
    `\nseed ${seed}: ${slips.length} slips written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

function classify(slip: GeneratedSlip, seed: number): ClassifiedSlip {
  const { equivalent, firstDifference } = behavesLikeReference(slip.source, slip.exercise, seed);
  return {
    id: slip.id,
    exercise: slip.exercise,
    base: slip.base,
    mutations: slip.mutations,
    kinds: slip.kinds,
    equivalent,
    ...(firstDifference ? { firstDifference } : {}),
  };
}

if (require.main === module) main();
