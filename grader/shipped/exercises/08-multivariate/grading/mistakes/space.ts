import fc from 'fast-check';
import { largeFeatureData, stableFraction } from '../../../../checks/arbitraries';
import { sampled } from '../../../../../mistake-space/inputs';
import type { FingerprintInput, MistakeSpace, Slip, SlipText } from '../../../../../mistake-space/space';
import { fitParameter, quoted } from '../../../03-step/grading/mistakes/step-model';
import { multiInputs } from '../../public-checks';
import { multiStableLearningRate } from '../expectations';
import { describeDescent } from './describe';
import {
  implementModel,
  REFERENCE_MODEL,
  type CostForm,
  type GradientForm,
  type LoopForm,
  type MultivariateModel,
  type Prediction,
} from './model';

/** The part of the exercise a slip is made in: one of the three formulas, or the descent's loop. */
type Part = 'predict' | 'cost' | 'gradient' | 'loop';

interface PartSlip extends Slip<MultivariateModel> {
  readonly part: Part;
}

const made = (
  part: Part,
  id: string,
  knob: string,
  apply: Slip<MultivariateModel>['apply'],
  text: Slip<MultivariateModel>['text'],
  fit?: Slip<MultivariateModel>['fit'],
): PartSlip => (fit ? { part, id, knob, apply, text, fit } : { part, id, knob, apply, text });

const withPrediction = (prediction: Prediction) => (c: MultivariateModel) => ({ ...c, prediction });
const withCost = (cost: Partial<CostForm>) => (c: MultivariateModel) => ({ ...c, cost: { ...c.cost, ...cost } });
const withGradient = (gradient: Partial<GradientForm>) => (c: MultivariateModel) => ({
  ...c,
  gradient: { ...c.gradient, ...gradient },
});
const withLoop = (loop: Partial<LoopForm>) => (c: MultivariateModel) => ({ ...c, loop: { ...c.loop, ...loop } });

const REACH_FIELD = { predict: 'predictionReach', cost: 'costReach', gradient: 'gradientReach' } as const;
const CALLERS = {
  predict: 'computeCostMulti and computeGradientMulti write out their own predictions, so they are right',
  cost: 'gradientDescentMulti works out the costs it records itself, so they are right',
  gradient: 'gradientDescentMulti works out the gradient it steps with itself, so its steps are right',
} as const;

/**
 * A slip of one formula made in that function only: the functions that could call it write their
 * own (right) version instead, so the slip shows in its export alone. Its words are the slip's,
 * with where it stops.
 */
function alone(slip: PartSlip): PartSlip {
  const part = slip.part as Exclude<Part, 'loop'>;
  const words = (t: SlipText): SlipText => ({
    name: `${t.name} (in ${EXPORT_OF[part]} only)`,
    explanation: `${t.explanation} ${CALLERS[part].charAt(0).toUpperCase()}${CALLERS[part].slice(1)}.`,
    hint: t.hint,
  });
  return {
    ...slip,
    id: `${slip.id}-alone`,
    apply: (c) => ({ ...slip.apply(c), [REACH_FIELD[part]]: 'alone' }),
    text:
      typeof slip.text === 'function'
        ? (c) => words((slip.text as (c: MultivariateModel) => SlipText)(c))
        : words(slip.text),
  };
}

const EXPORT_OF = { predict: 'predict', cost: 'computeCostMulti', gradient: 'computeGradientMulti' } as const;

const predictLook =
  'Write out the prediction for one row, feature by feature, and compare it with ŷ = w₀·x₀ + w₁·x₁ + … + b.';
const reach = {
  predict:
    ' Your computeCostMulti, computeGradientMulti and gradientDescentMulti use your predict, so they are wrong with it.',
  cost: ' Your gradientDescentMulti records its costs with it, so they are wrong too.',
  gradient: ' Your gradientDescentMulti steps with it, so its steps are wrong too.',
};

const predictSlips: PartSlip[] = [
  made('predict', 'predict-drops-b', 'prediction', withPrediction('w·x'), {
    name: 'Your predict leaves out the intercept b',
    explanation: `Your predict returns w·x for each row: b never enters, so changing b changes no prediction. The model is ŷ = w·x + b.${reach.predict}`,
    hint: 'Change b and work one prediction out again by hand: should it change?',
  }),
  made('predict', 'predict-subtracts-b', 'prediction', withPrediction('w·x − b'), {
    name: 'Your predict subtracts b (w·x − b)',
    explanation: `Your predict returns w·x − b: the intercept enters with the wrong sign, so every prediction is off by 2b.${reach.predict}`,
    hint: predictLook,
  }),
  made('predict', 'predict-transposed', 'prediction', withPrediction('transposed'), {
    name: 'Your predict swaps the indices of X (X[j][i])',
    explanation: `Your predict reads X[j][i], feature i of row j, where it needs X[i][j], feature j of row i. With more rows than features it reads entries that do not exist (NaN, or a missing row that throws); only a square table gives numbers, and wrong ones.${reach.predict}`,
    hint: 'X[i] is row i; X[i][j] is feature j of that row. Which index does your loop over features change?',
  }),
  made('predict', 'predict-w-by-row', 'prediction', withPrediction('w-by-row'), {
    name: 'Your predict indexes the weights by the row (w[i])',
    explanation: `Your predict multiplies feature j of row i by w[i], the weight of the row’s number, instead of w[j], the weight of feature j. Rows past the d-th read a weight that does not exist (NaN).${reach.predict}`,
    hint: 'There is one weight per feature, not per row: which index picks the weight?',
  }),
  made('predict', 'predict-first-feature', 'prediction', withPrediction('first-feature'), {
    name: 'Your predict uses only the first feature (w₀·x₀ + b)',
    explanation: `Your predict returns w₀·x_i0 + b, the one-feature line of 01, so every feature after the first is ignored.${reach.predict}`,
    hint: 'How many terms does a prediction with d features add up?',
  }),
  made('predict', 'predict-b-per-feature', 'prediction', withPrediction('b-per-feature'), {
    name: 'Your predict adds b once per feature',
    explanation: `Your predict adds b inside the loop over features, so each prediction is w·x + d·b instead of w·x + b.${reach.predict}`,
    hint: 'Is b added inside the loop over features, or once after it?',
  }),
];

const costSlips: PartSlip[] = [
  made('cost', 'half-cost', 'cost', withCost({ denominator: '2N' }), {
    name: 'Your cost has a factor ½ (the 1/(2N) convention)',
    explanation: `Your computeCostMulti divides by 2N, the convention of some courses, so it is half of the J this course uses, (1/N) Σ (yᵢ − ŷᵢ)².${reach.cost}`,
    hint: 'Which convention does the README give for J: 1/N or 1/(2N)?',
  }),
  made('cost', 'cost-sum-not-mean', 'cost', withCost({ denominator: '1' }), {
    name: 'Your cost is a sum, not a mean',
    explanation: `Your computeCostMulti adds up the squared errors without dividing by N, so it grows with the number of rows.${reach.cost}`,
    hint: 'Repeat every row twice: should the cost change?',
  }),
  made('cost', 'cost-divides-by-n-minus-1', 'cost', withCost({ denominator: 'N-1' }), {
    name: 'Your cost divides by N − 1',
    explanation: `Your computeCostMulti divides the sum of squared errors by N − 1, as a sample variance does; J is their mean, over N (and one row makes N − 1 = 0).${reach.cost}`,
    hint: 'What is the cost’s sum divided by?',
  }),
  made('cost', 'rmse', 'cost', withCost({ root: true }), {
    name: 'Your cost is the root mean squared error',
    explanation: `Your computeCostMulti takes the square root of the mean squared error. J is the mean squared error itself.${reach.cost}`,
    hint: 'Is there a square root in the formula for J?',
  }),
  made('cost', 'mean-absolute-error', 'cost', withCost({ error: 'absolute' }), {
    name: 'Your cost averages absolute errors, not squared ones',
    explanation: `Your computeCostMulti adds |yᵢ − ŷᵢ| where J adds (yᵢ − ŷᵢ)².${reach.cost}`,
    hint: 'What is done to each error before it is added?',
  }),
  made('cost', 'cost-squares-the-sum', 'cost', withCost({ error: 'square-of-total' }), {
    name: 'Your cost squares the sum of the errors',
    explanation: `Your computeCostMulti adds the errors first and squares the total, so errors of opposite signs cancel. J squares each error, then adds.${reach.cost}`,
    hint: 'Is each error squared before it is added, or is the total squared?',
  }),
];

const gradientSlips: PartSlip[] = [
  made('gradient', 'gradient-sign', 'gradient-sign', withGradient({ dwSign: -1, dbSign: -1 }), {
    name: 'Your gradient has the wrong sign: ŷ − y with −2/N',
    explanation: `Your computeGradientMulti writes the residual as ŷᵢ − yᵢ but keeps the −2/N that belongs with yᵢ − ŷᵢ, so every partial derivative points downhill instead of uphill.${reach.gradient}`,
    hint: 'Differentiate (yᵢ − ŷᵢ)² by w_j: which sign comes out, and which residual goes with it?',
  }),
  made('gradient', 'dw-sign', 'gradient-sign', withGradient({ dwSign: -1 }), {
    name: 'Your dw has the wrong sign (db is right)',
    explanation: `Your computeGradientMulti negates every dw_j but not db, so the weights’ partial derivatives point downhill.${reach.gradient}`,
    hint: 'Compare the sign in front of dw’s sum with the one in front of db’s.',
  }),
  made('gradient', 'db-sign', 'gradient-sign', withGradient({ dbSign: -1 }), {
    name: 'Your db has the wrong sign (dw is right)',
    explanation: `Your computeGradientMulti negates db but not dw, so b’s partial derivative points downhill.${reach.gradient}`,
    hint: 'Compare the sign in front of db’s sum with the one in front of dw’s.',
  }),
  made('gradient', 'missing-factor-2', 'gradient-factor', withGradient({ factor: 1 }), {
    name: 'Your gradient leaves out the factor 2',
    explanation: `Your computeGradientMulti uses −1/N where the derivative of the square brings down −2/N, so every partial derivative is half of what it should be.${reach.gradient}`,
    hint: 'Differentiate (yᵢ − ŷᵢ)²: what comes down from the square?',
  }),
  made('gradient', 'gradient-sum-not-mean', 'gradient-denominator', withGradient({ denominator: '1' }), {
    name: 'Your gradient leaves out the 1/N',
    explanation: `Your computeGradientMulti adds up −2·x_ij·rᵢ without dividing by N, so it is the gradient of a sum, N times J’s, and it grows with the number of rows.${reach.gradient}`,
    hint: 'J is a mean: what is each partial derivative’s sum divided by?',
  }),
  made('gradient', 'gradient-divides-by-n-minus-1', 'gradient-denominator', withGradient({ denominator: 'N-1' }), {
    name: 'Your gradient divides by N − 1',
    explanation: `Your computeGradientMulti divides by N − 1 where J’s mean divides by N (and one row makes N − 1 = 0).${reach.gradient}`,
    hint: 'What is each partial derivative’s sum divided by?',
  }),
  made('gradient', 'dw-first-feature', 'gradient-dw-weight', withGradient({ dwWeight: 'x_i0' }), {
    name: 'Every dw_j uses the first feature x_i0',
    explanation: `Your computeGradientMulti multiplies each residual by x_i0, the first feature, for every j, so all the dw_j are equal: each should use its own feature x_ij.${reach.gradient}`,
    hint: 'Which feature belongs in dw_j’s sum? Check the index inside your loop over features.',
  }),
  made('gradient', 'dw-without-x', 'gradient-dw-weight', withGradient({ dwWeight: '1' }), {
    name: 'Your dw leaves out the feature: (−2/N) Σ rᵢ for every j',
    explanation: `Your computeGradientMulti sums the residuals alone for each dw_j, as db does, so every dw_j equals db. The chain rule brings down x_ij for w_j.${reach.gradient}`,
    hint: 'Differentiate w_j·x_ij + b by w_j: what multiplies the residual?',
  }),
  made('gradient', 'gradient-transposed', 'gradient-dw-weight', withGradient({ dwWeight: 'transposed' }), {
    name: 'Your gradient swaps the indices of X (X[j][i])',
    explanation: `Your computeGradientMulti reads X[j][i], feature i of row j, where dw_j needs X[i][j], feature j of row i. With more rows than features it reads entries that do not exist (NaN); only a square table gives numbers, and wrong ones.${reach.gradient}`,
    hint: 'X[i] is row i; X[i][j] is feature j of that row. Which index does each of your loops change?',
  }),
  made('gradient', 'db-times-first-feature', 'gradient-db-weight', withGradient({ dbWeight: 'x_i0' }), {
    name: 'Your db multiplies each residual by x_i0, as dw₀ does',
    explanation: `Your computeGradientMulti gives db the same x factor as dw₀, so db equals dw₀. b multiplies 1, so db sums the residuals alone: db = (−2/N) Σ rᵢ.${reach.gradient}`,
    hint: 'Differentiate w·x + b by b: what multiplies the residual?',
  }),
  made('gradient', 'db-sums-features', 'gradient-db-weight', withGradient({ dbWeight: 'Σ_j x_ij' }), {
    name: 'Your db is added up inside the loop over features, with each feature',
    explanation: `Your computeGradientMulti adds x_ij·rᵢ to db for every feature j, as it does to dw_j, so db is the sum of all the dw_j. db sums the residuals alone, once per row.${reach.gradient}`,
    hint: 'Is db’s term inside your loop over features? What multiplies its residual?',
  }),
];

/** How many steps' worth of rate a constant written into the loop can take: positive, from 10⁻⁶ to 10. */
const CONSTANT_RATE = {
  guesses: [1e-6, 1e-5] as const,
  grid: Array.from({ length: 29 }, (_, i) => 1e-6 * 1e7 ** (i / 28)),
  accept: (v: number) => Number.isFinite(v) && v > 1e-10,
};

const loopSlips: PartSlip[] = [
  made('loop', 'climbs-uphill', 'direction', withLoop({ direction: 'up' }), {
    name: 'Your descent adds the gradient (it climbs uphill)',
    explanation:
      'Each step of your gradientDescentMulti adds η·dw and η·db, so the model moves uphill and the cost grows. Gradient descent subtracts them.',
    hint: 'Which way does the gradient point, and which way should a step go?',
  }),
  made('loop', 'sequential-update', 'order', withLoop({ order: 'w-then-b' }), {
    name: 'Your descent updates w first, then takes b’s derivative at the new w',
    explanation:
      'Each step of your gradientDescentMulti moves the weights, then works out db at the moved weights instead of at the model the step started from. Gradient descent takes every partial derivative at the same model, then moves every parameter (a simultaneous update).',
    hint: 'In each step, work out the whole gradient once, before changing any parameter.',
  }),
  made('loop', 'sequential-b-first', 'order', withLoop({ order: 'b-then-w' }), {
    name: 'Your descent updates b first, then takes the weights’ derivatives at the new b',
    explanation:
      'Each step of your gradientDescentMulti moves b, then works out dw at the moved b. Gradient descent takes every partial derivative at the model the step starts from.',
    hint: 'In each step, work out the whole gradient once, before changing any parameter.',
  }),
  made('loop', 'one-parameter-at-a-time', 'order', withLoop({ order: 'one-at-a-time' }), {
    name: 'Your descent moves one parameter at a time, with a fresh gradient for each',
    explanation:
      'Each step of your gradientDescentMulti moves w₀, works the gradient out again, moves w₁, and so on, then b: each partial derivative is taken at a model some parameters have already left. Gradient descent takes them all at one model, then moves them all.',
    hint: 'How many times does one step of your loop work out the gradient?',
  }),
  made('loop', 'forgets-b', 'moves', withLoop({ moves: 'w' }), {
    name: 'Your descent never updates b',
    explanation: 'Each step of your gradientDescentMulti moves the weights but leaves b where it started.',
    hint: 'Follow b through one pass of your loop: does it change?',
  }),
  made('loop', 'forgets-w', 'moves', withLoop({ moves: 'b' }), {
    name: 'Your descent never updates the weights',
    explanation: 'Each step of your gradientDescentMulti moves b but leaves every weight where it started.',
    hint: 'Follow w through one pass of your loop: does it change?',
  }),
  made(
    'loop',
    'hardcoded-rate',
    'rate',
    withLoop({ rate: 'constant', constant: 1e-4 }),
    (c) => ({
      name:
        c.loop.constant === 1
          ? 'Your descent leaves out the learning rate (each step moves by the whole gradient)'
          : `Your steps use η ${quoted(c.loop.constant)} whatever options.learningRate says`,
      explanation:
        c.loop.constant === 1
          ? 'Each step of your gradientDescentMulti moves by dw and db themselves, as if η were 1, instead of by options.learningRate times them.'
          : `Your gradientDescentMulti steps with a constant rate, η ${quoted(c.loop.constant)}, instead of options.learningRate, so it is right only at that one rate.`,
      hint: 'Is options.learningRate used anywhere in your function?',
    }),
    (c, evidence) =>
      fitParameter(implementModel, (v) => withLoop({ rate: 'constant', constant: v })(c), evidence, CONSTANT_RATE),
  ),
  made('loop', 'ignores-initial', 'start', withLoop({ start: 'zeros' }), {
    name: 'Your descent starts from zeros, not options.initial',
    explanation:
      'Your gradientDescentMulti starts from w = 0 and b = 0, as seed 000’s run does, whatever options.initial says, so every step after it follows from the wrong start.',
    hint: 'Where does your loop’s model come from before the first step?',
  }),
  made('loop', 'gradient-at-start', 'evaluation', withLoop({ evaluation: 'start' }), {
    name: 'Every step of your descent uses the gradient at the initial model',
    explanation:
      'Your loop moves the model, but each step takes the gradient at options.initial instead of at the model it is at now, so the run walks in a straight line along the first step’s direction.',
    hint: 'Where is the model when your loop takes each gradient?',
  }),
  made('loop', 'one-step-short', 'steps', withLoop({ steps: 'one-short' }), {
    name: 'Your descent takes one step too few',
    explanation:
      'Your loop runs iterations − 1 times (it starts at 1, or stops one early), so the model and costs are one step short.',
    hint: 'With iterations = 1, how many steps does your loop take?',
  }),
  made('loop', 'one-step-too-many', 'steps', withLoop({ steps: 'one-more' }), {
    name: 'Your descent takes one step too many',
    explanation: 'Your loop runs iterations + 1 times (<= where < belongs), so the model and costs are one step past.',
    hint: 'With iterations = 0, does your model move?',
  }),
  made('loop', 'missing-initial-cost', 'initial-cost', withLoop({ initialCost: 'missing' }), {
    name: 'costs is missing the cost before the first step',
    explanation:
      'Your costs list starts with the cost after the first step, so it has iterations entries and costs[0] is not J(options.initial).',
    hint: 'What should costs[0] be, and how many entries does costs need?',
  }),
  made('loop', 'cost-before-each-step', 'step-cost', withLoop({ initialCost: 'missing', stepCost: 'before' }), {
    name: 'Your descent records the cost before each step instead of after it',
    explanation:
      'Your loop records J of the model a step starts from, so costs has iterations entries and lacks the cost of the model you return.',
    hint: 'Record J before the loop, and again after each step.',
  }),
  made('loop', 'costs-lagged', 'step-cost', withLoop({ stepCost: 'before' }), {
    name: 'costs repeats the starting cost and misses the last one',
    explanation:
      'Your costs list starts with the cost of options.initial and then records the cost before each step, so the starting cost appears twice and the cost of the model you return is missing.',
    hint: 'Does the last number in costs belong to the model you return?',
  }),
  made('loop', 'returns-initial', 'returned', withLoop({ returns: 'initial' }), {
    name: 'Your descent returns the initial model',
    explanation:
      'Your loop takes its steps, but the model you return is options.initial, not the one the last step reached.',
    hint: 'Which model does your function return?',
  }),
];

/** The slips made in a formula that other functions can use, each also made in that function alone. */
const twinned = new Set(['predict-drops-b', 'half-cost', 'gradient-sign', 'missing-factor-2', 'gradient-sum-not-mean']);
const withTwins = (slips: PartSlip[]) => slips.flatMap((s) => (twinned.has(s.id) ? [s, alone(s)] : [s]));

/** The rate written into the code comes last: a slip with a parameter is fitted after the other slips it is made with. */
const SLIPS: PartSlip[] = [
  ...withTwins(predictSlips),
  ...withTwins(costSlips),
  ...withTwins(gradientSlips),
  ...loopSlips.filter((s) => !s.fit),
  ...loopSlips.filter((s) => s.fit),
];

/** The loop's knobs that say what is recorded and returned, as opposed to how a step is taken. */
const RECORDS = new Set(['steps', 'initial-cost', 'step-cost', 'returned']);

/** A gradient scaled by a constant (a missing 2 or 1/N) under a rate written into the loop is that rate rescaled, over the right gradient. */
const SCALES = new Set(['missing-factor-2', 'gradient-sum-not-mean', 'gradient-divides-by-n-minus-1']);

/** Seeded small tables for every export, and two realistic ones, each descent below the stability limit. */
function fingerprintInputs(): FingerprintInput[] {
  const small = sampled(
    fc.record({ table: multiInputs, fraction: stableFraction, iterations: fc.integer({ min: 0, max: 6 }) }),
    30,
  );
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
      }),
    ),
    2,
    7,
  );
  return [
    ...small.flatMap(({ table: { X, y, model }, fraction, iterations }): FingerprintInput[] => [
      { fn: 'predict', args: [X, model] },
      { fn: 'computeCostMulti', args: [X, y, model] },
      { fn: 'computeGradientMulti', args: [X, y, model] },
      {
        fn: 'gradientDescentMulti',
        args: [X, y, { initial: model, learningRate: fraction * multiStableLearningRate(X), iterations }],
      },
    ]),
    ...large.flatMap(({ X, y, w, b }): FingerprintInput[] => [
      { fn: 'computeCostMulti', args: [X, y, { w, b }] },
      {
        fn: 'gradientDescentMulti',
        args: [X, y, { initial: { w, b }, learningRate: 0.5 * multiStableLearningRate(X), iterations: 3 }],
      },
    ]),
  ];
}

const partOf = (s: Slip<MultivariateModel>) => (s as PartSlip).part;

/**
 * The mistakes of 08-multivariate: a slip in predict, in the cost, in the gradient (each made where
 * the functions that use it see it too, and the usual ones also made in that function alone), or
 * in the descent's loop. Two slips together: in two different formulas; a slip of a formula the loop
 * uses, with one of the loop's own; two of the loop's,
 * one in how a step is taken and one in what is recorded or returned, or one of them the rate. A
 * slip made in its function alone with one of the loop's is found export by export, and a constant
 * rate over a gradient scaled by a constant is that rate rescaled over the right one.
 */
export const multivariateSpace: MistakeSpace<MultivariateModel> = {
  exercise: '08-multivariate',
  reference: REFERENCE_MODEL,
  knobs: {
    prediction: 'how predict writes a row’s prediction (b, its sign, the indices, the features used)',
    cost: 'the cost’s form (its denominator, ½, a root, absolute errors, the square of the sum)',
    'gradient-sign': 'the gradient’s signs',
    'gradient-factor': 'the factor 2 from the square',
    'gradient-denominator': 'what the gradient’s sums are divided by',
    'gradient-dw-weight': 'what dw_j weights each residual by (x_ij, x_i0, nothing, X[j][i])',
    'gradient-db-weight': 'what db weights each residual by',
    direction: 'the direction of each step',
    order: 'the order of the updates within a step',
    moves: 'which parameters move',
    rate: 'the learning rate (the one given, or a constant)',
    start: 'where the run starts',
    evaluation: 'where each gradient is taken',
    steps: 'the number of steps',
    'initial-cost': 'whether costs starts with the cost before any step',
    'step-cost': 'which model the cost each step records is of',
    returned: 'which model is returned',
  },
  implement: implementModel,
  slips: SLIPS,
  composable: (a, b) => {
    const [p, q] = [partOf(a), partOf(b)];
    if (p === 'loop' && q === 'loop')
      return RECORDS.has(a.knob) !== RECORDS.has(b.knob) || a.knob === 'rate' || b.knob === 'rate';
    if (p !== 'loop' && q !== 'loop') return p !== q;
    const formula = p === 'loop' ? b : a;
    const loop = p === 'loop' ? a : b;
    if (formula.id.endsWith('-alone')) return false;
    return !(loop.id === 'hardcoded-rate' && SCALES.has(formula.id));
  },
  fingerprintInputs,
  describe: describeDescent,
};
