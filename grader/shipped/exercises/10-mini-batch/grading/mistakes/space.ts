import fc from 'fast-check';
import { largeFeatureData } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import type { FingerprintInput, MistakeSpace, Slip, SlipText } from '../../../../../mistake-space/space';
import { fitParameter, quoted } from '../../../03-step/grading/mistakes/step-model';
import type { CostForm, GradientForm, Prediction } from '../../../08-multivariate/grading/mistakes/model';
import { miniBatchArgs, miniBatchInputs, miniBatchStableRate, type MiniBatchInput } from '../../public-checks';
import { describeMiniBatch } from './describe';
import { implementModel, REFERENCE_MODEL, type MiniBatchModel } from './model';

/**
 * Where a slip is made: the gradient of a batch, the cost recorded, the prediction both use (each
 * as written inline, 08's formulas), how a step is taken, or what is recorded and returned.
 */
type Part = 'gradient' | 'cost' | 'prediction' | 'step' | 'record';

interface PartSlip extends Slip<MiniBatchModel> {
  readonly part: Part;
}

const made = (
  part: Part,
  id: string,
  knob: string,
  apply: Slip<MiniBatchModel>['apply'],
  text: Slip<MiniBatchModel>['text'],
  fit?: Slip<MiniBatchModel>['fit'],
): PartSlip => (fit ? { part, id, knob, apply, text, fit } : { part, id, knob, apply, text });

const set =
  (change: Partial<MiniBatchModel>) =>
  (c: MiniBatchModel): MiniBatchModel => ({ ...c, ...change });
const withGradient = (gradient: Partial<GradientForm>) => (c: MiniBatchModel) => ({
  ...c,
  formulas: { ...c.formulas, gradient: { ...c.formulas.gradient, ...gradient } },
});
const withCost = (cost: Partial<CostForm>) => (c: MiniBatchModel) => ({
  ...c,
  formulas: { ...c.formulas, cost: { ...c.formulas.cost, ...cost } },
});
const withPrediction = (prediction: Prediction) => (c: MiniBatchModel) => ({
  ...c,
  formulas: { ...c.formulas, prediction },
});

const ownGradient =
  ' (If you take the gradient from your 08-multivariate, the mistake is there: fix it in 08 and this exercise follows.)';
const gradientHint = 'Write out ∂J/∂w_j for a batch of B rows and compare it with yours term by term.';

const gradientSlips: PartSlip[] = [
  made('gradient', 'batch-gradient-over-n', 'gradient-denominator', set({ gradientOver: 'all-rows' }), {
    name: 'Your batch gradient is divided by N, the number of rows in the table, instead of the batch size',
    explanation:
      'Each step uses (−2/N) Σ over the batch’s rows, where the gradient of the batch’s own mean squared error divides by the number of rows in the batch. A batch of B rows then moves B/N as far as it should, and a short last batch less still; with batchSize ≥ N the two agree, so 08’s descent hides it.',
    hint: 'A batch is a small table of its own: what is its mean squared error divided by?',
  }),
  made('gradient', 'batch-gradient-sum', 'gradient-denominator', withGradient({ denominator: '1' }), {
    name: 'Your batch gradient is a sum over the batch, not a mean',
    explanation: `Each step uses (−2) Σ over the batch’s rows without dividing by the batch size, so a batch of B rows moves B times as far as the gradient of its mean squared error says, and a short last batch less than the others.${ownGradient}`,
    hint: 'J of a batch is a mean over its rows: what is each partial derivative’s sum divided by?',
  }),
  made('gradient', 'batch-gradient-over-b-minus-1', 'gradient-denominator', withGradient({ denominator: 'N-1' }), {
    name: 'Your batch gradient divides by the batch size − 1',
    explanation: `Each step divides the batch’s sum by B − 1 where its mean divides by B, and a batch of one row divides by 0.${ownGradient}`,
    hint: 'What is each partial derivative’s sum divided by?',
  }),
  made('gradient', 'missing-factor-2', 'gradient-factor', withGradient({ factor: 1 }), {
    name: 'Your batch gradient leaves out the factor 2',
    explanation: `Each step uses −1/B where the derivative of the square brings down −2/B, so every step goes half as far as it should.${ownGradient}`,
    hint: 'Differentiate (yᵢ − ŷᵢ)²: what comes down from the square?',
  }),
  made('gradient', 'dw-sign', 'gradient-sign', withGradient({ dwSign: -1 }), {
    name: 'Your batch gradient has the wrong sign in dw (db is right)',
    explanation: `Each step moves the weights up their partial derivatives while b moves down its own.${ownGradient}`,
    hint: 'Compare the sign in front of dw’s sum with the one in front of db’s.',
  }),
  made('gradient', 'db-sign', 'gradient-sign', withGradient({ dbSign: -1 }), {
    name: 'Your batch gradient has the wrong sign in db (dw is right)',
    explanation: `Each step moves b up its partial derivative while the weights move down theirs.${ownGradient}`,
    hint: 'Compare the sign in front of db’s sum with the one in front of dw’s.',
  }),
  made('gradient', 'dw-without-x', 'gradient-dw-weight', withGradient({ dwWeight: '1' }), {
    name: 'Your batch gradient leaves the feature out of dw: (−2/B) Σ rᵢ for every j',
    explanation: `Each step’s dw_j sums the residuals alone, as db does, so every weight moves as b does. The chain rule brings down x_ij for w_j.${ownGradient}`,
    hint: gradientHint,
  }),
  made('gradient', 'dw-first-feature', 'gradient-dw-weight', withGradient({ dwWeight: 'x_i0' }), {
    name: 'Every dw_j of your batch gradient uses the first feature x_i0',
    explanation: `Each step multiplies every residual by the first feature for every weight, so all the weights move alike: dw_j needs its own feature x_ij.${ownGradient}`,
    hint: gradientHint,
  }),
  made('gradient', 'db-times-first-feature', 'gradient-db-weight', withGradient({ dbWeight: 'x_i0' }), {
    name: 'Your batch gradient’s db multiplies each residual by x_i0, as dw₀ does',
    explanation: `Each step moves b by dw₀. b multiplies 1, so db sums the residuals alone.${ownGradient}`,
    hint: 'Differentiate w·x + b by b: what multiplies the residual?',
  }),
];

const predictionSlips: PartSlip[] = [
  made('prediction', 'predict-drops-b', 'prediction', withPrediction('w·x'), {
    name: 'Your predictions leave out the intercept b',
    explanation:
      'The gradient and the costs of your run predict w·x for each row, without b, so b never changes a prediction: its derivative is wrong and so is every cost.',
    hint: 'Write out one prediction with b in it: ŷ = w·x + b.',
  }),
  made('prediction', 'predict-first-feature', 'prediction', withPrediction('first-feature'), {
    name: 'Your predictions use only the first feature (w₀·x₀ + b)',
    explanation:
      'The gradient and the costs of your run predict w₀·x_i0 + b, the one-feature line, so every feature after the first is ignored.',
    hint: 'How many terms does a prediction with d features add up?',
  }),
];

const costWords = (what: string, explanation: string, hint: string): SlipText => ({
  name: `The costs you record are ${what}`,
  explanation: `${explanation} The steps are right; only costs is wrong. (If you record them with your 08-multivariate’s computeCostMulti, the mistake is there.)`,
  hint,
});

const costSlips: PartSlip[] = [
  made(
    'cost',
    'half-cost',
    'cost',
    withCost({ denominator: '2N' }),
    costWords(
      'half of J (the 1/(2N) convention)',
      'Each cost divides the sum of squared errors by 2N, half of the J this course uses, (1/N) Σ (yᵢ − ŷᵢ)².',
      'Which convention does the README give for J: 1/N or 1/(2N)?',
    ),
  ),
  made(
    'cost',
    'cost-sum-not-mean',
    'cost',
    withCost({ denominator: '1' }),
    costWords(
      'sums, not means',
      'Each cost adds up the squared errors without dividing by N.',
      'Repeat every row twice: should the cost change?',
    ),
  ),
  made(
    'cost',
    'cost-divides-by-n-minus-1',
    'cost',
    withCost({ denominator: 'N-1' }),
    costWords(
      'divided by N − 1',
      'Each cost divides the sum of squared errors by N − 1, as a sample variance does; J is their mean, over N.',
      'What is the cost’s sum divided by?',
    ),
  ),
  made(
    'cost',
    'rmse',
    'cost',
    withCost({ root: true }),
    costWords(
      'root mean squared errors',
      'Each cost takes the square root of the mean squared error; J is the mean squared error itself.',
      'Is there a square root in the formula for J?',
    ),
  ),
  made(
    'cost',
    'mean-absolute-error',
    'cost',
    withCost({ error: 'absolute' }),
    costWords(
      'mean absolute errors',
      'Each cost adds |yᵢ − ŷᵢ| where J adds (yᵢ − ŷᵢ)².',
      'What is done to each error before it is added?',
    ),
  ),
];

/** How large a rate written into the loop can be read: positive, from 10⁻⁶ to 10. */
const CONSTANT_RATE = {
  guesses: [1e-6, 1e-5] as const,
  grid: Array.from({ length: 29 }, (_, i) => 1e-6 * 1e7 ** (i / 28)),
  accept: (v: number) => Number.isFinite(v) && v > 1e-10,
};

const stepSlips: PartSlip[] = [
  made('step', 'order-ignored', 'order', set({ order: 'index' }), {
    name: 'Your run ignores order(e): every epoch visits the rows in index order',
    explanation:
      'Your loop cuts the rows 0, 1, …, N − 1 into batches, whatever options.order(e) says. Mini-batch descent visits each epoch’s rows in the order order(e) gives: which rows share a batch, and which batch comes first, change the run.',
    hint: 'Where does your loop call options.order, and which rows does each batch take from its answer?',
  }),
  made('step', 'order-epoch-plus-one', 'order', set({ order: 'next-epoch' }), {
    name: 'Your run asks order for the next epoch’s rows: order(e + 1) in epoch e',
    explanation:
      'Epoch e of your loop visits the rows in the order order(e + 1) gives (a loop counting epochs from 1, say), so every epoch uses another epoch’s order.',
    hint: 'What is the number of the first epoch, and what do you pass to order for it?',
  }),
  made('step', 'order-always-first', 'order', set({ order: 'first-epoch' }), {
    name: 'Your run uses order(0) for every epoch',
    explanation:
      'Your loop asks for the order once (or always with 0) and reuses it, so every epoch visits the rows in epoch 0’s order. Each epoch e has its own order(e).',
    hint: 'Is order called inside your loop over epochs, with that epoch’s number?',
  }),
  made('step', 'x-by-position', 'rows-read', set({ rowsRead: 'x-by-position' }), {
    name: 'Your batches take their rows of X by position but their targets y through order(e)',
    explanation:
      'Your loop reads y[order[k]] but X[k] (or the reverse of what it does for y), so each batch pairs the features of one row with the target of another.',
    hint: 'For one row of a batch, which index do you read X with, and which y with?',
  }),
  made('step', 'y-by-position', 'rows-read', set({ rowsRead: 'y-by-position' }), {
    name: 'Your batches take their rows of X through order(e) but their targets y by position',
    explanation:
      'Your loop reads X[order[k]] but y[k], so each batch pairs the features of one row with the target of another.',
    hint: 'For one row of a batch, which index do you read X with, and which y with?',
  }),
  made('step', 'last-batch-dropped', 'batching', set({ batching: 'last-dropped' }), {
    name: 'Your run drops the last, shorter batch of each epoch',
    explanation:
      'When batchSize does not divide N, the rows left after the last full batch make a batch of their own, and your loop never steps on them (a loop that stops while start + batchSize ≤ N, or ⌊N / batchSize⌋ batches). With batchSize > N it takes no step at all.',
    hint: 'With N = 7 and batchSize = 3, how many batches does your loop make, and how many rows does the last one hold?',
  }),
  made('step', 'last-batch-merged', 'batching', set({ batching: 'last-merged' }), {
    name: 'Your run adds the rows of the last, shorter batch to the batch before it',
    explanation:
      'Your loop makes ⌊N / batchSize⌋ batches and gives the last one every row that is left, so it is longer than batchSize instead of shorter. The rows left over make a batch of their own, and a step of their own.',
    hint: 'With N = 7 and batchSize = 3, how many batches does your loop make, and how many rows does the last one hold?',
  }),
  made('step', 'ignores-batch-size', 'batching', set({ batching: 'whole-epoch' }), {
    name: 'Your run ignores batchSize: one step per epoch on every row',
    explanation:
      'Your loop takes the gradient of the whole table once per epoch, as 08’s descent does, whatever options.batchSize says. Mini-batch descent takes one step per batch of batchSize rows.',
    hint: 'Is options.batchSize used to cut the rows into batches?',
  }),
  made('step', 'batches-overlap', 'batching', set({ batching: 'sliding' }), {
    name: 'Your batches start at every row: the start moves by 1, not by batchSize',
    explanation:
      'Your loop over batches moves its start one row at a time, so the batches overlap and an epoch takes N steps, most rows several times. Consecutive batches start batchSize rows apart, and each row is in one batch per epoch.',
    hint: 'By how much does the start of your batch move from one batch to the next?',
  }),
  made('step', 'batches-start-at-one', 'batching', set({ batching: 'from-second' }), {
    name: 'Your loop over batches starts at 1, not 0',
    explanation:
      'The first batch of each epoch starts at position 1 of order(e)’s list, so the epoch’s first row is never visited and every batch holds the rows one place further along.',
    hint: 'What is the start of your first batch?',
  }),
  made('step', 'rate-over-batch-size', 'rate', set({ rate: 'over-batch-size' }), {
    name: 'Your steps scale the learning rate by the batch size: η / batchSize',
    explanation:
      'Each step moves by (learningRate / batchSize) times the batch’s gradient. The gradient of the batch’s mean squared error is already divided by the batch size; the learning rate is used as it is.',
    hint: 'Is the batch size in your update once, or twice (once in the gradient’s mean)?',
  }),
  made('step', 'rate-times-batch-size', 'rate', set({ rate: 'times-batch-size' }), {
    name: 'Your steps scale the learning rate by the batch size: η · batchSize',
    explanation:
      'Each step moves by learningRate · batchSize times the batch’s gradient, as if to make up for the batch’s mean. The step is learningRate times the gradient of the batch’s mean squared error.',
    hint: 'What does your update multiply the gradient by?',
  }),
  made(
    'step',
    'hardcoded-rate',
    'rate',
    set({ rate: 'constant', constant: 1e-4 }),
    (c) => ({
      name:
        c.constant === 1
          ? 'Your steps leave out the learning rate (each moves by the whole batch gradient)'
          : `Your steps use η ${quoted(c.constant)} whatever options.learningRate says`,
      explanation:
        c.constant === 1
          ? 'Each step moves by the batch’s gradient itself, as if η were 1, instead of by options.learningRate times it.'
          : `Your loop steps with a constant rate, η ${quoted(c.constant)}, instead of options.learningRate, so it is right only at that one rate.`,
      hint: 'Is options.learningRate used anywhere in your function?',
    }),
    (c, evidence) =>
      fitParameter(implementModel, (v) => ({ ...c, rate: 'constant', constant: v }), evidence, CONSTANT_RATE),
  ),
  made('step', 'sequential-update', 'update', set({ update: 'w-then-b' }), {
    name: 'Your steps update w first, then take b’s derivative at the new w',
    explanation:
      'Each step moves the weights, then works out the batch’s db at the moved weights instead of at the model the step started from. A step takes every partial derivative at one model, then moves every parameter (a simultaneous update).',
    hint: 'In each step, work out the batch’s whole gradient once, before changing any parameter.',
  }),
  made('step', 'sequential-b-first', 'update', set({ update: 'b-then-w' }), {
    name: 'Your steps update b first, then take the weights’ derivatives at the new b',
    explanation:
      'Each step moves b, then works out the batch’s dw at the moved b. A step takes every partial derivative at the model it starts from.',
    hint: 'In each step, work out the batch’s whole gradient once, before changing any parameter.',
  }),
  made('step', 'climbs-uphill', 'direction', set({ direction: 'up' }), {
    name: 'Your steps add the gradient (they climb uphill)',
    explanation:
      'Each step adds η times the batch’s gradient, so the model moves uphill and the cost grows. Gradient descent subtracts it.',
    hint: 'Which way does the gradient point, and which way should a step go?',
  }),
  made('step', 'gradient-at-epoch-start', 'evaluation', set({ evaluation: 'epoch-start' }), {
    name: 'Every batch of an epoch takes its gradient at the model the epoch started from',
    explanation:
      'Your loop works out each batch’s gradient at the model as it was before the epoch, and only then moves by all of them, so a batch never sees what the batches before it in the epoch did. Each batch’s step starts from where the previous one ended.',
    hint: 'Where is the model when your loop takes each batch’s gradient?',
  }),
  made('step', 'gradient-at-initial', 'evaluation', set({ evaluation: 'initial' }), {
    name: 'Every batch takes its gradient at options.initial',
    explanation:
      'Your loop moves the model, but works out each batch’s gradient at the initial model instead of at the model it has reached, so no step sees where the steps before it went.',
    hint: 'Which model do you pass to the gradient of each batch?',
  }),
  made('step', 'model-reset-each-epoch', 'carry', set({ carry: 'reset' }), {
    name: 'Your run starts every epoch again from options.initial',
    explanation:
      'Each epoch of your loop starts from the initial model instead of from where the epoch before ended, so after any number of epochs the model is one epoch from the start.',
    hint: 'Where is the model set before each epoch? Is it set inside the loop over epochs?',
  }),
  made('step', 'ignores-initial', 'start', set({ start: 'zeros' }), {
    name: 'Your run starts from zeros, not options.initial',
    explanation:
      'Your loop starts from w = 0 and b = 0 whatever options.initial says, so every step after it follows from the wrong start.',
    hint: 'Where does your loop’s model come from before the first epoch?',
  }),
];

const recordSlips: PartSlip[] = [
  made('record', 'epochs-one-short', 'epochs', set({ epochs: 'one-short' }), {
    name: 'Your run takes one epoch too few',
    explanation:
      'Your loop over epochs runs epochs − 1 times (it starts at 1, or stops one early), so the model and costs are one epoch short.',
    hint: 'With epochs = 1, how many times does your loop over epochs run?',
  }),
  made('record', 'epochs-one-more', 'epochs', set({ epochs: 'one-more' }), {
    name: 'Your run takes one epoch too many',
    explanation:
      'Your loop over epochs runs epochs + 1 times (<= where < belongs), so the model and costs are one epoch past.',
    hint: 'With epochs = 0, does your model move?',
  }),
  made('record', 'costs-per-batch', 'costs', set({ costs: 'per-batch' }), {
    name: 'Your run records a cost after every batch instead of once per epoch',
    explanation:
      'costs gets an entry after each step, so it has one per batch. It holds J(initial) and then one cost per epoch, after the epoch’s last batch: epochs + 1 entries.',
    hint: 'Is your costs.push inside the loop over batches, or after it?',
  }),
  made('record', 'missing-initial-cost', 'costs', set({ costs: 'missing-initial' }), {
    name: 'costs is missing J(initial), the cost before the first epoch',
    explanation:
      'Your costs list starts with the cost after the first epoch, so it has epochs entries and costs[0] is not J(options.initial).',
    hint: 'What should costs[0] be, and how many entries does costs need?',
  }),
  made('record', 'costs-lagged', 'costs', set({ costs: 'lagged' }), {
    name: 'costs records the cost before each epoch, so it repeats J(initial) and misses the last one',
    explanation:
      'Your costs list starts with J(initial) and then records the cost at the start of each epoch instead of at its end: the starting cost appears twice and the cost of the model you return is missing.',
    hint: 'Does the last number in costs belong to the model you return?',
  }),
  made('record', 'cost-on-batch', 'cost-rows', set({ costRows: 'batch' }), {
    name: 'The costs you record are taken on the last batch, not on all rows',
    explanation:
      'After each epoch your loop records J of the batch it just stepped on (its last batch), not J on the whole table. The cost that tells whether the model got better is the mean over all N rows.',
    hint: 'Which rows do you pass to the cost after each epoch?',
  }),
  made('record', 'returns-initial', 'returned', set({ returns: 'initial' }), {
    name: 'Your run returns the initial model',
    explanation:
      'Your loop takes its steps, but the model you return is options.initial, not the one the last step reached.',
    hint: 'Which model does your function return?',
  }),
];

/** A slip with a parameter comes last: it is fitted after the other slips it is made with. */
const SLIPS: PartSlip[] = [
  ...gradientSlips,
  ...predictionSlips,
  ...costSlips,
  ...stepSlips.filter((s) => !s.fit),
  ...recordSlips,
  ...stepSlips.filter((s) => s.fit),
];

const partOf = (s: Slip<MiniBatchModel>) => (s as PartSlip).part;
const formula = (p: Part) => p === 'gradient' || p === 'cost' || p === 'prediction';

/** Seeded small runs of every shape, and two realistic ones, each below the rate where every batch step contracts. */
function fingerprintInputs(): FingerprintInput[] {
  const small = sampled(miniBatchInputs(), 40);
  const large = sampled(
    largeFeatureData.chain(({ X, y }) =>
      fc.record({
        X: fc.constant(X),
        y: fc.constant(y),
        w: fc.array(
          fc.integer({ min: -40, max: 40 }).map((k) => k / 8),
          { minLength: X[0].length, maxLength: X[0].length },
        ),
        b: fc.integer({ min: -400, max: 400 }).map((k) => k / 8),
        order: fc.shuffledSubarray(
          X.map((_, i) => i),
          { minLength: X.length, maxLength: X.length },
        ),
      }),
    ),
    2,
    7,
  );
  return [
    ...small.map((i): FingerprintInput => ({ fn: 'miniBatchGradientDescent', args: miniBatchArgs(i) })),
    ...large.map(({ X, y, w, b, order }): FingerprintInput => {
      const run: MiniBatchInput = {
        X,
        y,
        initial: { w, b },
        learningRate: 0.5 * miniBatchStableRate(X),
        epochs: 1,
        batchSize: 16,
        orders: [order],
      };
      return { fn: 'miniBatchGradientDescent', args: miniBatchArgs(run) };
    }),
  ];
}

/**
 * The mistakes of 10-mini-batch: a slip in the gradient of a batch (the issue's "divided by N
 * instead of the batch size" and "a sum instead of a mean over the batch" among them), in the
 * prediction or the costs (08's formulas written inline), in how an epoch is cut and stepped
 * (`order` ignored or asked for the wrong epoch, the last short batch dropped or merged, the rate
 * scaled by the batch size, sequential updates, the model reset each epoch), or in what is recorded
 * (a cost per batch, on the batch, the epoch loop off by one). Two slips together: two formulas;
 * a formula and a slip of the loop; a slip in how a step is taken with one in what is recorded, or
 * with a rate written into the code; the costs recorded per batch and on the batch (a training
 * loop's loss of each batch). A gradient missing its factor 2 under a rate written into the code
 * is that rate halved, over the right gradient.
 */
export const miniBatchSpace: MistakeSpace<MiniBatchModel> = {
  exercise: '10-mini-batch',
  reference: REFERENCE_MODEL,
  knobs: {
    'gradient-denominator': 'what a batch’s gradient is divided by (the batch size, N, nothing, B − 1)',
    'gradient-factor': 'the factor 2 from the square',
    'gradient-sign': 'the signs of the batch gradient',
    'gradient-dw-weight': 'what dw_j weights each residual by',
    'gradient-db-weight': 'what db weights each residual by',
    prediction: 'how a row’s prediction is written',
    cost: 'the form of the recorded cost',
    order: 'the rows each epoch visits (order(e), index order, another epoch’s order)',
    'rows-read': 'which index X and y are read with',
    batching: 'how an epoch is cut into batches (the last short batch)',
    rate: 'the learning rate (the one given, scaled by the batch size, a constant)',
    update: 'the order of the updates within a step',
    direction: 'the direction of each step',
    evaluation: 'where each batch’s gradient is taken',
    carry: 'where each epoch starts',
    start: 'where the run starts',
    epochs: 'the number of epochs',
    costs: 'what costs records, and when',
    'cost-rows': 'the rows each recorded cost is taken on',
    returned: 'which model is returned',
  },
  implement: implementModel,
  slips: SLIPS,
  composable: (a, b) => {
    const [p, q] = [partOf(a), partOf(b)];
    if (formula(p) && formula(q)) return p !== q;
    if (formula(p) || formula(q))
      return !([a.id, b.id].includes('hardcoded-rate') && [a.id, b.id].includes('missing-factor-2'));
    if (p !== q) return true;
    const knobs = [a.knob, b.knob];
    return knobs.includes('rate') || (knobs.includes('costs') && knobs.includes('cost-rows'));
  },
  fingerprintInputs,
  describe: describeMiniBatch,
};
