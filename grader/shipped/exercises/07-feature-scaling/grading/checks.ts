import fc from 'fast-check';
import type { CallOutcome, CallRequest } from '../../../door/port';
import { fitScaler, scaleFeatures, unscaleModel } from '../../../../../solutions/07-feature-scaling/feature-scaling';
import { readPenguins } from '../../../../data/penguins';
import { SEED_DATA_CSV } from '../../../../data/paths';
import { readPointsCsv } from '../../../../data/read-points';
import * as gen from '../../../checks/arbitraries';
import { judgedCheck } from '../../../checks/builders';
import { defineCheck, PASS, type CheckDefinition, type CheckInput } from '../../../checks/check';
import { scaledTolerance, scalerTolerance, unscaledTolerance } from '../../../checks/tolerance';
import type { Expected } from '../../../checks/verdicts';
import { encodeWire } from '../../../wire/wire';
import { memoByIdentity } from '../../../memo';
import type { ExportName } from '../../../contract/exercises';
import {
  fitInputs,
  judgeModel,
  judgeRows,
  judgeScaler,
  scaleInputs,
  scalingJudges,
  scalingProperties,
  unscaleInputs,
  type FitInput,
  type ModelValue,
  type ScaleInput,
  type ScalerValue,
  type UnscaleInput,
} from '../public-checks';
import { FAR_FROM_ORIGIN, ROUNDED_CONSTANT_COLUMNS } from './hard-cases';

const exercise = '07-feature-scaling';

/** The README's worked example: five rows, two features two orders of magnitude apart (means 10 and 1500, deviations 2 and 200). */
export const README_X: number[][] = [
  [7, 1600],
  [9, 1200],
  [10, 1800],
  [11, 1500],
  [13, 1400],
];
const README_SCALER: ScalerValue = { mean: [10, 1500], std: [2, 200] };

/** data.csv's hours studied, as a table of one feature. */
export const dataCsvFeature = (): number[][] => readPointsCsv(SEED_DATA_CSV).map((p) => [p.x]);
/** The Palmer penguins' flipper length, bill length and bill depth (342 rows). */
export const penguinFeatures = (): number[][] => readPenguins().X.map((row) => [...row]);

/**
 * The README's worked examples first, exactly as written (tests/kit/readme-feature-scaling.test.ts
 * holds the two together), then designed ones: N = 1 (every column constant), a constant column
 * beside a varying one with N = 7, columns of different spreads, data.csv and the penguins.
 */
export const FIT_EXAMPLES: FitInput[] = [
  { X: README_X },
  {
    X: [
      [1, 5],
      [3, 5],
    ],
  },
  { X: [[3, -1.5, 8]] },
  {
    X: [
      [-2, 4.5, 1],
      [-1, 4.5, 3],
      [0, 4.5, 2],
      [1, 4.5, 6],
      [3, 4.5, 5],
      [4, 4.5, 9],
      [6, 4.5, 8],
    ],
  },
  { X: dataCsvFeature() },
  { X: penguinFeatures() },
];

export const SCALE_EXAMPLES: ScaleInput[] = [
  { X: README_X, scaler: README_SCALER },
  { X: [[12, 1000]], scaler: README_SCALER },
  {
    X: [
      [1, 5],
      [3, 5],
    ],
    scaler: { mean: [2, 5], std: [1, 1] },
  },
  {
    X: [
      [0.5, -3],
      [2, 4],
      [-1, 0.25],
    ],
    scaler: { mean: [1, -2], std: [0.5, 4] },
  },
];

export const UNSCALE_EXAMPLES: UnscaleInput[] = [
  { model: { w: [4, 1], b: 50 }, scaler: README_SCALER },
  { model: { w: [2], b: 1 }, scaler: { mean: [10], std: [4] } },
  { model: { w: [-1.5, 0.5, 3], b: -2 }, scaler: { mean: [4, -6, 0.5], std: [0.25, 3, 8] } },
];

/** The reference's scaler of a table and its tolerance, once per input: fitScaler's checks, and the report's plots, judge by it. */
export const fitExpectation = memoByIdentity(({ X }: FitInput): Expected<ScalerValue> => {
  const expected = fitScaler(X);
  return {
    expected: { mean: [...expected.mean], std: [...expected.std] },
    tolerance: scalerTolerance(X, expected),
  };
});

/** The reference's scaled table and its tolerance, once per input: scaleFeatures' checks, and the report's plots, judge by it. */
export const scaleExpectation = memoByIdentity(({ X, scaler }: ScaleInput): Expected<number[][]> => {
  const expected = scaleFeatures(X, scaler);
  return {
    expected,
    tolerance: expected.map((row, i) => row.map((z, j) => scaledTolerance(X[i][j], scaler.mean[j], scaler.std[j], z))),
  };
});

const unscaleExpectation = memoByIdentity(({ model, scaler }: UnscaleInput): Expected<ModelValue> => {
  const expected = unscaleModel(model, scaler);
  return { expected: { w: [...expected.w], b: expected.b }, tolerance: unscaledTolerance(model, scaler, expected) };
});

const fitCall = (i: FitInput) => [{ exercise, fn: 'fitScaler', args: [i.X] } as const];
const scaleCall = (i: ScaleInput) => [{ exercise, fn: 'scaleFeatures', args: [i.X, i.scaler] } as const];
const unscaleCall = (i: UnscaleInput) => [{ exercise, fn: 'unscaleModel', args: [i.model, i.scaler] } as const];

/** Large realistic tables split in two: the scaler of the first half (the training rows), applied to the second. */
const largeScaleInputs: fc.Arbitrary<ScaleInput> = gen.largeFeatureData.map(({ X }) => {
  const half = X.length >> 1;
  const scaler = fitScaler(X.slice(0, half));
  return { X: X.slice(half), scaler: { mean: [...scaler.mean], std: [...scaler.std] } };
});

/** Models and scalers as real data gives them: means evenly in [−1000, 1000], deviations evenly in [0.01, 1000]. */
const realisticUnscaleInputs: fc.Arbitrary<UnscaleInput> = fc.integer({ min: 1, max: 5 }).chain((d) =>
  fc.record({
    model: fc.record({
      w: fc.array(gen.evenly(-500, 500), { minLength: d, maxLength: d }),
      b: gen.evenly(-1000, 5000),
    }),
    scaler: fc.record({
      mean: fc.array(gen.evenly(-1000, 1000), { minLength: d, maxLength: d }),
      std: fc.array(gen.evenly(0.01, 1000), { minLength: d, maxLength: d }),
    }),
  }),
);

/** Every export on one input, for the purity check. */
type PurityInput = { X: number[][]; scaler: ScalerValue; model: ModelValue };

const purityInputs: fc.Arbitrary<PurityInput> = scaleInputs.chain(({ X, scaler }) =>
  gen.linearModel(X[0].length).map((model) => ({ X, scaler, model })),
);

/**
 * Purity of all three exports at once (docs/grading-notes.md, "Properties that need no reference"):
 * each call leaves its arguments as it found them, and the same call twice gives the same answer.
 * Its id is `pure`, so that a failure here is explained as for 01–06.
 */
function purityCheck(spec: {
  id: string;
  title: string;
  points: number;
  inputs: fc.Arbitrary<PurityInput>;
  numRuns: number;
}): CheckDefinition<PurityInput> {
  const requests = (i: PurityInput): { fn: ExportName; args: unknown[] }[] => [
    { fn: 'fitScaler', args: [i.X] },
    { fn: 'scaleFeatures', args: [i.X, i.scaler] },
    { fn: 'unscaleModel', args: [i.model, i.scaler] },
  ];
  return defineCheck<PurityInput>({
    ...spec,
    id: `${exercise}/${spec.id}`,
    exercise,
    visibility: 'hidden',
    kind: 'property',
    plan: (i) =>
      requests(i).flatMap(({ fn, args }): CallRequest[] => [
        { exercise, fn, args, observeArguments: true },
        { exercise, fn, args, repeat: 1 },
      ]),
    verify: (i, _values, answers: readonly CallOutcome[]) => {
      for (const [k, { fn, args }] of requests(i).entries()) {
        const [first, second] = [answers[2 * k], answers[2 * k + 1]];
        const after = first.ok ? first.argumentsAfter : undefined;
        if (after && encodeWire(after) !== encodeWire(args))
          return {
            pass: false,
            message: `${fn} changed its arguments: build new objects and arrays instead of modifying the ones you are given.`,
            expected: args,
            actual: after,
          };
        if (first.ok && second.ok && encodeWire(first.value) !== encodeWire(second.value))
          return {
            pass: false,
            message: `${fn} gave two different answers to the same call: does it keep state between calls (a variable outside the function)?`,
            expected: first.value,
            actual: second.value,
          };
      }
      return PASS;
    },
  });
}

export const scalingChecks: CheckDefinition<CheckInput>[] = [
  judgedCheck<FitInput, Expected<ScalerValue>>({
    exercise,
    id: 'fit-worked-examples',
    title: 'fitScaler matches the worked examples (a constant column, data.csv, the penguins)',
    points: 1,
    visibility: 'public',
    kind: 'reference',
    inputs: fitInputs,
    examples: FIT_EXAMPLES,
    calls: fitCall,
    facts: fitExpectation,
    judge: scalingJudges['fit-worked-examples'],
  }),
  scalingProperties.fitStandardises,
  scalingProperties.fitOrderAndDuplicates,
  scalingProperties.fitPerColumn,
  judgedCheck<ScaleInput, Expected<number[][]>>({
    exercise,
    id: 'scale-worked-examples',
    title: 'scaleFeatures matches the worked examples (new rows scaled with the training rows’ scaler)',
    points: 1,
    visibility: 'public',
    kind: 'reference',
    inputs: scaleInputs,
    examples: SCALE_EXAMPLES,
    calls: scaleCall,
    facts: scaleExpectation,
    judge: scalingJudges['scale-worked-examples'],
  }),
  judgedCheck<UnscaleInput, Expected<ModelValue>>({
    exercise,
    id: 'unscale-worked-examples',
    title: 'unscaleModel matches the worked examples',
    points: 1,
    visibility: 'public',
    kind: 'reference',
    inputs: unscaleInputs,
    examples: UNSCALE_EXAMPLES,
    calls: unscaleCall,
    facts: unscaleExpectation,
    judge: scalingJudges['unscale-worked-examples'],
  }),
  scalingProperties.unscalePredictsTheSame,
  judgedCheck<FitInput, Expected<ScalerValue>>({
    exercise,
    id: 'fit-matches-reference',
    title: 'fitScaler matches the reference on random small tables, constant columns included',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: fitInputs,
    numRuns: 60,
    calls: fitCall,
    facts: fitExpectation,
    judge: (_, facts, [value]) => judgeScaler(value as ScalerValue, facts),
  }),
  judgedCheck<FitInput, Expected<ScalerValue>>({
    exercise,
    id: 'fit-matches-reference-large',
    title: 'fitScaler matches the reference on larger, realistic tables whose columns differ in scale',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: gen.largeFeatureData.map(({ X }) => ({ X })),
    numRuns: 8,
    calls: fitCall,
    facts: fitExpectation,
    judge: (_, facts, [value]) => judgeScaler(value as ScalerValue, facts),
    hardCase: {
      slug: 'variance-cancels-on-narrow-columns',
      name: 'Your deviation loses digits on realistic columns that vary little for their size',
      explanation:
        'Your fitScaler is right on small tables but off on larger realistic ones where a column varies little compared with its values (around 1000, by 0.01): a variance worked out as Σx²/N − mean², or as Σx·(x − mean)/N, subtracts two nearly equal numbers, and the digits that cancel were the deviation’s.',
      hint: 'Subtract the mean first, then square the small differences and average them: (1/N)Σ(x − mean)².',
    },
  }),
  judgedCheck<FitInput, Expected<ScalerValue>>({
    exercise,
    id: 'fit-far-from-origin',
    title: 'fitScaler matches the reference on columns far from 0 (centred at 10⁶ to 10⁸, spread about 1)',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: fitInputs,
    examples: FAR_FROM_ORIGIN,
    calls: fitCall,
    facts: fitExpectation,
    judge: (_, facts, [value]) => judgeScaler(value as ScalerValue, facts),
    hardCase: {
      slug: 'variance-cancels-far-from-origin',
      name: 'Your deviation loses its digits on columns far from 0',
      explanation:
        'Your fitScaler is right on ordinary tables but wrong on columns centred far from 0 that vary little (around 10⁶ to 10⁸, by about 1): a variance worked out as Σx²/N − mean², or as Σx·(x − mean)/N, subtracts two nearly equal large numbers, and almost every digit cancels.',
      hint: 'Subtract the mean first, then square the small differences and average them: (1/N)Σ(x − mean)².',
    },
  }),
  judgedCheck<FitInput, Expected<ScalerValue>>({
    exercise,
    id: 'fit-constant-columns',
    title:
      'fitScaler gives std 1 to constant columns whose mean does not come out exact (0.1 over 7 rows, 2.2 over 11)',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: fitInputs,
    examples: ROUNDED_CONSTANT_COLUMNS,
    calls: fitCall,
    facts: fitExpectation,
    judge: (_, facts, [value]) => judgeScaler(value as ScalerValue, facts),
    hardCase: {
      slug: 'constant-told-by-rounded-deviation',
      name: 'Your fitScaler tells a constant column by a computed deviation, which rounding leaves a speck above 0',
      explanation:
        'Your scaler is right on ordinary tables, but a column whose values are all equal does not always get std 1: when its mean, added up and divided, comes out a rounding speck away from the values (0.1 added up seven times and divided by 7 is not 0.1), the deviation you compute is a speck above 0, your test of it against 0 misses the column, and scaling blows rounding noise up into values near ±1 instead of 0.',
      hint: 'Tell a constant column by its values (every value equal to the first), not by comparing a computed deviation with 0.',
    },
  }),
  judgedCheck<ScaleInput, Expected<number[][]>>({
    exercise,
    id: 'scale-matches-reference',
    title: 'scaleFeatures matches the reference on random tables, with a scaler fitted on other data',
    points: 2,
    visibility: 'hidden',
    kind: 'reference',
    inputs: scaleInputs,
    numRuns: 60,
    calls: scaleCall,
    facts: scaleExpectation,
    judge: (_, facts, [value]) => judgeRows(value as number[][], facts),
  }),
  judgedCheck<ScaleInput, Expected<number[][]>>({
    exercise,
    id: 'scale-matches-reference-large',
    title: 'scaleFeatures matches the reference on realistic held-out rows, scaled with the training rows’ scaler',
    points: 1,
    visibility: 'hidden',
    kind: 'reference',
    inputs: largeScaleInputs,
    numRuns: 8,
    calls: scaleCall,
    facts: scaleExpectation,
    judge: (_, facts, [value]) => judgeRows(value as number[][], facts),
  }),
  judgedCheck<UnscaleInput, Expected<ModelValue>>({
    exercise,
    id: 'unscale-matches-reference',
    title: 'unscaleModel matches the reference on random models and scalers, small and realistic',
    points: 2,
    visibility: 'hidden',
    kind: 'reference',
    inputs: fc.oneof(unscaleInputs, realisticUnscaleInputs),
    numRuns: 60,
    calls: unscaleCall,
    facts: unscaleExpectation,
    judge: (_, facts, [value]) => judgeModel(value as ModelValue, facts),
  }),
  purityCheck({
    id: 'pure',
    title:
      'fitScaler, scaleFeatures and unscaleModel leave their arguments unchanged and answer the same call the same way',
    points: 2,
    inputs: purityInputs,
    numRuns: 10,
  }),
] as CheckDefinition<any>[];
