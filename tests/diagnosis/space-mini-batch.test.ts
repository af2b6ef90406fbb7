import { describe, expect, it } from 'vitest';
import { exerciseOf, grade, submissionWith } from './_support';

const EXERCISE = '10-mini-batch';

/** The parts of a mini-batch loop a student can write, each as the correct line unless a case says otherwise. */
interface Parts {
  /** The first epoch and the loop's test. */
  epochs?: string;
  /** What the epoch's rows are. */
  rows?: string;
  /** Before each epoch (nothing, or a reset). */
  epochStart?: string;
  /** The loop over batch starts: its test. */
  batchTest?: string;
  /** What the batch's sums are multiplied by to make the gradient. */
  scale?: string;
  /** The rate of each step. */
  rate?: string;
  /** The update of w and b from dw and db (at the scale), or a sequential one. */
  update?: string;
  /** After each batch. */
  afterBatch?: string;
  /** After each epoch. */
  afterEpoch?: string;
}

/** A mini-batch loop written out with index loops, its parts as given. */
const loop = (p: Parts) => `import type { Matrix, MiniBatchOptions, MultiDescentResult } from '../types';

function cost(X: Matrix, y: readonly number[], w: readonly number[], b: number): number {
  let total = 0;
  for (let i = 0; i < X.length; i++) {
    let prediction = b;
    for (let j = 0; j < w.length; j++) prediction += w[j] * X[i][j];
    total += (y[i] - prediction) ** 2;
  }
  return total / X.length;
}

function sums(X: Matrix, y: readonly number[], batch: readonly number[], w: readonly number[], b: number) {
  const dw = w.map(() => 0);
  let db = 0;
  for (const i of batch) {
    let prediction = b;
    for (let j = 0; j < w.length; j++) prediction += w[j] * X[i][j];
    const r = y[i] - prediction;
    for (let j = 0; j < w.length; j++) dw[j] += X[i][j] * r;
    db += r;
  }
  return { dw, db };
}

export function miniBatchGradientDescent(X: Matrix, y: readonly number[], options: MiniBatchOptions): MultiDescentResult {
  let w = [...options.initial.w];
  let b = options.initial.b;
  const costs = [cost(X, y, w, b)];
  for (${p.epochs ?? 'let epoch = 0; epoch < options.epochs'}; epoch++) {
    ${p.epochStart ?? ''}
    const rows = ${p.rows ?? 'options.order(epoch)'};
    let batch: number[] = [];
    for (let start = 0; ${p.batchTest ?? 'start < rows.length'}; start += options.batchSize) {
      batch = rows.slice(start, start + options.batchSize);
      const scale = ${p.scale ?? '-2 / batch.length'};
      const eta = ${p.rate ?? 'options.learningRate'};
      const { dw, db } = sums(X, y, batch, w, b);
      ${p.update ?? 'w = w.map((v, j) => v - eta * scale * dw[j]);\n      b = b - eta * scale * db;'}
      ${p.afterBatch ?? ''}
    }
    ${p.afterEpoch ?? 'costs.push(cost(X, y, w, b));'}
  }
  return { model: { w, b }, costs };
}
`;

const grade10 = (source: string) =>
  grade(submissionWith('trial', { [EXERCISE]: source }), { exercises: [EXERCISE] }).then((r) =>
    exerciseOf(r, EXERCISE),
  );

/** The mistakes the issue and the brief name for 10, each written the way a student would, and named from the generated space with its own words. */
describe('10-mini-batch: named mistakes come from the generated space', () => {
  it('the loop below, written right, scores full marks and names nothing', async () => {
    const graded = await grade10(loop({}));
    expect(graded.checks.filter((c) => c.status !== 'pass').map((c) => `${c.id}: ${c.message}`)).toEqual([]);
    expect(graded.score).toBe(graded.maxScore);
    expect(graded.diagnosis).toBeUndefined();
  });

  it.each(
    (
      [
        [
          'the batch gradient divided by N instead of the batch size',
          { scale: '-2 / X.length' },
          'batch-gradient-over-n',
          /divided by N, the number of rows in the table, instead of the batch size/,
        ],
        [
          'the last short batch dropped',
          { batchTest: 'start + options.batchSize <= rows.length' },
          'last-batch-dropped',
          /drops the last, shorter batch/,
        ],
        ['order ignored (rows in index order)', { rows: 'X.map((_, i) => i)' }, 'order-ignored', /ignores order\(e\)/],
        [
          'the cost recorded per batch instead of per epoch',
          { afterBatch: 'costs.push(cost(X, y, w, b));', afterEpoch: '' },
          'costs-per-batch',
          /a cost after every batch instead of once per epoch/,
        ],
        [
          'the cost on the batch instead of all rows',
          {
            afterEpoch: 'costs.push(cost(batch.map((i) => X[i]), batch.map((i) => y[i]), w, b));',
          },
          'cost-on-batch',
          /taken on the last batch, not on all rows/,
        ],
        [
          'sequential updates',
          {
            update:
              'w = w.map((v, j) => v - eta * scale * dw[j]);\n      b = b - eta * scale * sums(X, y, batch, w, b).db;',
          },
          'sequential-update',
          /update w first, then take b’s derivative at the new w/,
        ],
        [
          'the epoch loop off by one (one too many)',
          { epochs: 'let epoch = 0; epoch <= options.epochs' },
          'epochs-one-more',
          /one epoch too many/,
        ],
        [
          'the epoch loop off by one (one too few)',
          { epochs: 'let epoch = 0; epoch < options.epochs - 1' },
          'epochs-one-short',
          /one epoch too few/,
        ],
        [
          'order called with the wrong epoch: e + 1',
          { epochs: 'let epoch = 1; epoch <= options.epochs', rows: 'options.order(epoch)' },
          'order-epoch-plus-one',
          /order\(e \+ 1\) in epoch e/,
        ],
        [
          'order called with the wrong epoch: always 0',
          { rows: 'options.order(0)' },
          'order-always-first',
          /order\(0\) for every epoch/,
        ],
        [
          'the learning rate scaled by the batch size (divided)',
          { rate: 'options.learningRate / options.batchSize' },
          'rate-over-batch-size',
          /η \/ batchSize/,
        ],
        [
          'the learning rate scaled by the batch size (multiplied)',
          { rate: 'options.learningRate * options.batchSize' },
          'rate-times-batch-size',
          /η · batchSize/,
        ],
        [
          'a sum instead of a mean over the batch',
          { scale: '-2' },
          'batch-gradient-sum',
          /a sum over the batch, not a mean/,
        ],
        [
          'the model reset each epoch',
          { epochStart: 'w = [...options.initial.w];\n    b = options.initial.b;' },
          'model-reset-each-epoch',
          /starts every epoch again from options.initial/,
        ],
      ] as [string, Parts, string, RegExp][]
    ).map(([what, parts, slug, words]) => [what, slug, parts, words] as const),
  )('%s is failed and named %s', async (_, slug, parts, words) => {
    const graded = await grade10(loop(parts));
    expect(graded.score).toBeLessThan(graded.maxScore);
    expect(graded.diagnosis?.id).toBe(`${EXERCISE}/${slug}`);
    expect(graded.diagnosis?.name).toMatch(words);
  });

  it.each([
    [{ afterBatch: 'costs.push(cost(X, y, w, b));', afterEpoch: '' }, /costs has one entry per batch/],
    [{ rows: 'X.map((_, i) => i)' }, /what visiting the rows in index order gives/],
    [
      { epochs: 'let epoch = 0; epoch <= options.epochs' },
      /costs has epochs \+ 2 entries.*With epochs = 0 your model still moves/,
    ],
    [{ scale: '-2 / X.length' }, /batches hold every row \(batchSize ≥ N\) are right/],
  ] as [Parts, RegExp][])('the evidence says what the answers show (%o)', async (parts, shows) => {
    const graded = await grade10(loop(parts));
    expect(graded.diagnosis?.evidence).toMatch(shows);
  });

  it('a model that is options.initial.w itself, updated in place, fails purity alone and is named so', async () => {
    const inPlace = loop({
      update: 'for (let j = 0; j < w.length; j++) w[j] -= eta * scale * dw[j];\n      b = b - eta * scale * db;',
    }).replace('let w = [...options.initial.w];', 'const w = options.initial.w as number[];');
    const graded = await grade10(inPlace);
    expect(graded.checks.filter((c) => c.status !== 'pass').map((c) => c.id)).toEqual([`${EXERCISE}/pure`]);
    expect(graded.diagnosis?.id).toBe(`${EXERCISE}/changes-its-arguments`);
  });

  it('order ignored fails the public check that reorders the rows, which the correct loop passes', async () => {
    const graded = await grade10(loop({ rows: 'X.map((_, i) => i)' }));
    const failing = graded.checks.filter((c) => c.status !== 'pass').map((c) => c.id);
    expect(failing).toContain(`${EXERCISE}/rows-follow-order`);
    expect(failing).toContain(`${EXERCISE}/follows-each-epochs-order`);
  });

  it('dividing by N and scaling the rate by the batch size are told apart, and both pass with batches of every row', async () => {
    const overN = await grade10(loop({ scale: '-2 / X.length' }));
    const overB = await grade10(loop({ rate: 'options.learningRate / options.batchSize' }));
    const passed = (g: typeof overN, id: string) => g.checks.find((c) => c.id === `${EXERCISE}/${id}`)!.status;
    expect(passed(overN, 'full-batch-is-08')).toBe('pass');
    expect(passed(overB, 'full-batch-is-08')).toBe('fail');
    expect(overN.diagnosis?.id).not.toBe(overB.diagnosis?.id);
  });
});
