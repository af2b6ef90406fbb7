import fc from 'fast-check';
import type { LinearModel, Point } from '../../../../../exercises/types';
import { leastSquares } from '../../../../../solutions/06-learning-rate/learning-rate';
import { normalEquation } from '../../../../../solutions/09-normal-equation/normal-equation';
import { readPenguins } from '../../../../data/penguins';
import { readPointsCsv } from '../../../../data/read-points';
import { SEED_DATA_CSV } from '../../../../data/paths';
import * as gen from '../../../checks/arbitraries';
import { isPure, judgedCheck } from '../../../checks/builders';
import type { HardCaseWords } from '../../../checks/check';
import { memoByIdentity } from '../../../memo';
import { centredScale } from '../conditioning';
import {
  dataInputs,
  normalEquationCall,
  normalEquationJudges as judges,
  normalEquationProperties as properties,
  type DataInput,
} from '../public-checks';
import { conditionedData, FAR_FROM_ORIGIN } from './hard-cases';

const exercise = '09-normal-equation';

/** The README's worked example: five rows of two features. */
export const README_TABLE: DataInput = {
  X: [
    [4, 5],
    [4, 3],
    [3, 1],
    [6, 1],
    [3, 5],
  ],
  y: [7, 11, 2, 11, 4],
};

/** The stub's example: three points on y = 2x + 1. */
const STUB_TABLE: DataInput = { X: [[0], [1], [2]], y: [1, 3, 5] };

/** Three features of different scales (x₂ in the tens, x₃ near 1000), seven rows, off every plane. */
const THREE_FEATURES: DataInput = {
  X: [
    [1, 20, 1000.5],
    [2, 35, 1001],
    [0.5, 10, 999.75],
    [3, 25, 1000],
    [4, 50, 1002.25],
    [2.5, 15, 1000.25],
    [1.5, 40, 1001.5],
  ],
  y: [12, 19.5, 4, 16, 29, 11.25, 20],
};

const seedData = () => {
  const points = readPointsCsv(SEED_DATA_CSV);
  return { X: points.map((p) => [p.x]), y: points.map((p) => p.y) };
};

let penguinTable: DataInput | undefined;
/** The Palmer penguins as one table: 342 rows, flipper length, bill length and bill depth (mm) → body mass (g). */
const penguins = (): DataInput => {
  if (!penguinTable) {
    const table = readPenguins();
    penguinTable = { X: table.X.map((row) => [...row]), y: [...table.y] };
  }
  return penguinTable;
};

/**
 * The README's example first, exactly as written (tests/kit/readme-worked-example-09.test.ts holds
 * the two together), then the stub's, three features of different scales, the seeds' data.csv as
 * one feature, and the Palmer penguins (body mass against flipper length, bill length, bill depth).
 */
export const WORKED_EXAMPLES: DataInput[] = [README_TABLE, STUB_TABLE, THREE_FEATURES, seedData(), penguins()];

/** The reference's answer on an input, as plain data: worked out once per input. */
const referenceModel = memoByIdentity((i: DataInput): LinearModel => {
  const { w, b } = normalEquation(i.X, i.y);
  return { w: [...w], b };
});

/** One feature: data with at least two distinct x, as 06's leastSquares needs. */
const oneFeature: fc.Arbitrary<DataInput> = gen.spreadPoints(3, 12).map((points) => ({
  X: points.map((p) => [p.x]),
  y: points.map((p) => p.y),
}));

const asPoints = (i: DataInput): Point[] => i.X.map((row, k) => ({ x: row[0], y: i.y[k] }));

/** Realistic tables (largeFeatureData) whose centred columns are independent as far as double precision can tell. */
const largeInputs: fc.Arbitrary<DataInput> = gen.largeFeatureData
  .map(({ X, y }) => ({ X, y }))
  .filter(({ X, y }) => centredScale(X, y).kappa < 1e6);

/** Random tables from the Palmer penguins: 30 to all 342 rows, in a random order, and one to three of the features. */
const penguinTables: fc.Arbitrary<DataInput> = fc
  .record({
    count: fc.noBias(fc.integer({ min: 30, max: 342 })),
    columns: fc.subarray([0, 1, 2], { minLength: 1 }),
  })
  .chain(({ count, columns }) =>
    fc
      .shuffledSubarray(
        penguins().X.map((_, k) => k),
        { minLength: count, maxLength: count },
      )
      .map((rows) => {
        const table = penguins();
        return { X: rows.map((k) => columns.map((j) => table.X[k][j])), y: rows.map((k) => table.y[k]) };
      }),
  );

const call = (i: DataInput) => [normalEquationCall(i.X, i.y)];

/**
 * What the numeric checks saw when the designed probes see nothing wrong (docs/grading-notes.md,
 * "09: the conditioning of the centred X"): the normal equations of the uncentred data, or sums of
 * products taken before the means are subtracted, lose the digits that carry the answer.
 */
const CENTRE_FIRST =
  'Subtract each column’s mean before you multiply and add, on both sides of the equations (or use a QR factorisation).';
const LOSES_DIGITS: Record<'realistic' | 'collinear' | 'far', HardCaseWords> = {
  realistic: {
    slug: 'loses-digits-on-raw-features',
    name: 'Your answer loses digits on realistic tables whose columns sit far from 0',
    explanation:
      'Your normalEquation is right on the small tables but not on larger ones whose columns sit thousands of their own deviations from 0 (a column around 1000 that varies by 0.01). Forming XᵀX, or any sum of products, before subtracting the means squares that offset, and the part of each sum that carries the answer is lost in the last digits.',
    hint: CENTRE_FIRST,
  },
  collinear: {
    slug: 'loses-digits-on-collinear-columns',
    name: 'Your answer loses digits when columns nearly repeat each other',
    explanation:
      'Your normalEquation is right on the small tables but not on tables whose columns are nearly collinear and sit far from 0. Such a table is sensitive by nature (κ of the centred X is large), and a method that also carries the offset of the columns, or the uncentred y, multiplies that sensitivity by how far the columns sit from 0.',
    hint: CENTRE_FIRST,
  },
  far: {
    slug: 'loses-digits-far-from-origin',
    name: 'Your answer loses its digits when the columns sit around a million',
    explanation:
      'Your normalEquation is right on ordinary tables but wrong when a column is around 10⁶ to 10⁸ and varies by about 1: the sums of squares and products of the raw values agree with (Σx)²/N in their first 12 to 16 digits, and subtracting them leaves rounding.',
    hint: CENTRE_FIRST,
  },
};

const againstReference = (spec: {
  id: string;
  title: string;
  points: number;
  inputs: fc.Arbitrary<DataInput>;
  numRuns?: number;
  examples?: readonly DataInput[];
  hardCase?: HardCaseWords;
}) =>
  judgedCheck<DataInput, LinearModel>({
    exercise,
    visibility: 'hidden',
    kind: 'reference',
    calls: call,
    facts: referenceModel,
    judge: judges['worked-examples'],
    ...spec,
  });

export const normalEquationChecks = [
  judgedCheck<DataInput, LinearModel>({
    exercise,
    id: 'worked-examples',
    title: 'matches the worked examples (the penguins: body mass from flipper length, bill length and bill depth)',
    points: 2,
    visibility: 'public',
    kind: 'reference',
    inputs: dataInputs,
    examples: WORKED_EXAMPLES,
    calls: call,
    facts: referenceModel,
    judge: judges['worked-examples'],
  }),
  properties.exactFit,
  properties.flatGradient,
  judgedCheck<DataInput, LinearModel>({
    exercise,
    id: 'agrees-with-least-squares',
    title: "with one feature, agrees with 06's leastSquares",
    points: 1,
    visibility: 'public',
    // A property of the exercise, not a comparison that vouches: code right for one feature only
    // (06's line, say) must not make the other properties pay.
    kind: 'property',
    inputs: oneFeature,
    calls: call,
    facts: (i) => {
      const { m, b } = leastSquares(asPoints(i));
      return { w: [m], b };
    },
    judge: judges['agrees-with-least-squares'],
  }),
  properties.rowsChangeNothing,
  properties.columnsPermuteW,
  properties.shiftChangesOnlyB,
  againstReference({
    id: 'matches-reference',
    title: 'matches the reference on random small data',
    points: 2,
    inputs: dataInputs,
    numRuns: 40,
  }),
  againstReference({
    id: 'matches-reference-large',
    title: 'matches the reference on larger, realistic data (columns whose scales differ by up to five orders)',
    points: 1,
    inputs: largeInputs,
    numRuns: 6,
    hardCase: LOSES_DIGITS.realistic,
  }),
  againstReference({
    id: 'matches-reference-penguins',
    title: 'matches the reference on random tables from the Palmer penguins',
    points: 1,
    inputs: penguinTables,
    numRuns: 6,
  }),
  againstReference({
    id: 'matches-reference-conditioned',
    title: 'matches the reference on nearly collinear columns far from 0 (κ(centred X) up to about 10⁴)',
    points: 1,
    inputs: conditionedData,
    numRuns: 10,
    hardCase: LOSES_DIGITS.collinear,
  }),
  againstReference({
    id: 'far-from-origin',
    title: 'matches the reference on columns around 10⁶ to 10⁸ that vary by about 1',
    points: 1,
    inputs: dataInputs,
    examples: FAR_FROM_ORIGIN,
    hardCase: LOSES_DIGITS.far,
  }),
  isPure<DataInput>({
    exercise,
    id: 'pure',
    title: 'leaves its arguments unchanged and answers the same call the same way',
    points: 1,
    visibility: 'hidden',
    inputs: dataInputs,
    numRuns: 10,
    fn: 'normalEquation',
    args: (i) => [i.X, i.y],
  }),
];
