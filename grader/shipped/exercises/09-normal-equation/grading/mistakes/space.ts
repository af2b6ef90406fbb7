import type { LinearModel, Matrix } from '../../../../../../exercises/types';
import { sampled } from '../../../../../mistake-space/inputs';
import { slipMaker, type Evidence, type MistakeSpace, type Slip } from '../../../../../mistake-space/space';
import { visited } from '../../../01-cost/grading/mistakes/space';
import { dataInputs } from '../../public-checks';
import { normalEquationMistakes as words } from './index';

/**
 * 09-normal-equation as the computation a student writes: means, a Gram matrix and a right-hand
 * side, a solve, and the intercept from the means. The reference is
 *
 *     x̄, ȳ → G = X_cᵀX_c, v = X_cᵀy_c → w = G⁻¹·v → b = ȳ − w·x̄
 *
 * with X_c and y_c centred. Every part a student can get wrong is a setting. Some changes are not
 * mistakes at all and have no slip: dividing both sides by N (or both by N − 1), X_cᵀ·y with y left
 * uncentred (each centred column sums to 0, so X_cᵀȳ = 0), Xᵀ·y_c (the same sum the other way
 * round), appending a column of ones to the centred X, solving with Gᵀ or G⁻ᵀ (G is symmetric),
 * and any correct solver (QR, Cholesky, LU, Gauss–Jordan, with or without pivoting).
 */
export interface NormalEquationModel {
  /** What each column is centred by: its mean (divided by N or N − 1), or the mean of a row (a transposed index). */
  readonly means: 'by-n' | 'by-n-minus-1' | 'of-rows';
  /** The Gram matrix: centred, raw XᵀX, its diagonal alone, its upper triangle alone, or the first rows' products (X·Xᵀ). */
  readonly gram: 'centred' | 'raw' | 'diagonal' | 'upper-only' | 'of-rows';
  /** The right-hand side: X_cᵀy_c, raw Xᵀy, y indexed by the column, the first rows' products (X·y), or negated. */
  readonly rhs: 'centred' | 'raw' | 'y-by-column' | 'of-rows' | 'negated';
  /** A 1/N (or 1/(N − 1)), or the gradient's 2, on one side of the equations only. */
  readonly scaling: 'same' | 'gram-over-n' | 'rhs-over-n' | 'gram-over-n-minus-1' | 'rhs-doubled' | 'gram-doubled';
  /** How w comes out of G and v. */
  readonly solve: 'solve' | 'multiply' | 'no-back-substitution';
  /** The intercept. */
  readonly intercept: 'through-means' | 'zero' | 'mean-y' | 'plus' | 'sums';
  /** Which rows the Gram matrix and the right-hand side add up (the means are over all of them). */
  readonly rows: 'all' | 'skips-first' | 'skips-last';
  /** Which columns are solved for: all, or the last or first left out (its weight 0), or one weight fewer returned. */
  readonly columns: 'all' | 'drops-last' | 'drops-first' | 'one-fewer';
  /** How the answer is read off θ when the intercept was solved as one more unknown. */
  readonly fields: 'w-b' | 'ones-first-read-as-last' | 'ones-last-read-as-first' | 'intercept-in-w';
}

const slip = slipMaker<NormalEquationModel>();

const REFERENCE: NormalEquationModel = {
  means: 'by-n',
  gram: 'centred',
  rhs: 'centred',
  scaling: 'same',
  solve: 'solve',
  intercept: 'through-means',
  rows: 'all',
  columns: 'all',
  fields: 'w-b',
};

/** Gaussian elimination with partial pivoting; `backSubstitute` false reads wⱼ = v′ⱼ/Uⱼⱼ off the eliminated system. */
function solveSystem(gram: number[][], rhs: number[], backSubstitute: boolean): number[] {
  const m = rhs.length;
  const a = gram.map((row, i) => [...row, rhs[i]]);
  for (let k = 0; k < m; k++) {
    let pivot = k;
    if (backSubstitute) for (let r = k + 1; r < m; r++) if (Math.abs(a[r][k]) > Math.abs(a[pivot][k])) pivot = r;
    [a[k], a[pivot]] = [a[pivot], a[k]];
    for (let r = k + 1; r < m; r++) {
      const f = a[r][k] / a[k][k];
      for (let c = k; c <= m; c++) a[r][c] -= f * a[k][c];
    }
  }
  const w = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = a[i][m];
    if (backSubstitute) for (let j = i + 1; j < m; j++) s -= a[i][j] * w[j];
    w[i] = s / a[i][i];
  }
  return w;
}

/** normalEquation as a configuration computes it. */
function normalEquationOf(c: NormalEquationModel, X: Matrix, y: readonly number[]): LinearModel {
  const n = X.length;
  const d = X[0].length;
  const divisor = c.means === 'by-n-minus-1' ? n - 1 : n;
  const means = Array.from({ length: d }, (_, j) =>
    c.means === 'of-rows' ? X[j].reduce((s, v) => s + v, 0) / d : X.reduce((s, row) => s + row[j], 0) / divisor,
  );
  const meanY = y.reduce((s, v) => s + v, 0) / divisor;
  const solved = c.columns === 'drops-first' ? range(1, d) : c.columns === 'all' ? range(0, d) : range(0, d - 1);
  const xc = X.map((row) => row.map((v, j) => v - means[j]));
  const yc = y.map((v) => v - meanY);
  const rows = visited(
    X.map((_, i) => i),
    c.rows,
  );
  const gramEntry = (j: number, k: number): number => {
    switch (c.gram) {
      case 'raw':
        return rows.reduce((s, i) => s + X[i][j] * X[i][k], 0);
      case 'diagonal':
        return j === k ? rows.reduce((s, i) => s + xc[i][j] * xc[i][k], 0) : 0;
      case 'upper-only':
        return j <= k ? rows.reduce((s, i) => s + xc[i][j] * xc[i][k], 0) : 0;
      case 'of-rows':
        return xc[j].reduce((s, v, l) => s + v * xc[k][l], 0);
      default:
        return rows.reduce((s, i) => s + xc[i][j] * xc[i][k], 0);
    }
  };
  const rhsEntry = (j: number): number => {
    switch (c.rhs) {
      case 'raw':
        return rows.reduce((s, i) => s + X[i][j] * y[i], 0);
      case 'y-by-column':
        // Σᵢ (x_ij − x̄_j)·y_j = y_j·Σᵢ (x_ij − x̄_j) = 0: the column sums to 0 once centred.
        return 0 * yc[j];
      case 'of-rows':
        return xc[j].reduce((s, v, l) => s + v * yc[l], 0);
      case 'negated':
        return -rows.reduce((s, i) => s + xc[i][j] * yc[i], 0);
      default:
        return rows.reduce((s, i) => s + xc[i][j] * yc[i], 0);
    }
  };
  const [gramScale, rhsScale] =
    c.scaling === 'gram-over-n'
      ? [1 / n, 1]
      : c.scaling === 'rhs-over-n'
        ? [1, 1 / n]
        : c.scaling === 'gram-over-n-minus-1'
          ? [1 / (n - 1), 1 / n]
          : c.scaling === 'rhs-doubled'
            ? [1, 2]
            : c.scaling === 'gram-doubled'
              ? [2, 1]
              : [1, 1];
  const gram = solved.map((j) => solved.map((k) => gramEntry(j, k) * gramScale));
  const rhs = solved.map((j) => rhsEntry(j) * rhsScale);
  const found =
    c.solve === 'multiply'
      ? gram.map((row) => row.reduce((s, g, k) => s + g * rhs[k], 0))
      : solveSystem(gram, rhs, c.solve === 'solve');
  const w = new Array<number>(d).fill(0);
  solved.forEach((j, k) => (w[j] = found[k]));
  const weights = c.columns === 'one-fewer' ? w.slice(0, d - 1) : w;
  const dotMeans = weights.reduce((s, wj, j) => s + wj * means[j], 0);
  const intercepts: Record<NormalEquationModel['intercept'], () => number> = {
    'through-means': () => meanY - dotMeans,
    zero: () => 0,
    'mean-y': () => meanY,
    plus: () => meanY + dotMeans,
    sums: () => meanY * divisor - dotMeans * divisor,
  };
  const b = intercepts[c.intercept]();
  switch (c.fields) {
    case 'ones-first-read-as-last':
      return { w: [b, ...weights.slice(0, -1)], b: weights[weights.length - 1] };
    case 'ones-last-read-as-first':
      return { w: [...weights.slice(1), b], b: weights[0] };
    case 'intercept-in-w':
      return { w: [...weights, b], b };
    default:
      return { w: weights, b };
  }
}

const range = (from: number, to: number) => Array.from({ length: Math.max(0, to - from) }, (_, k) => from + k);

/** The slips that set several parts at once (a whole approach), and the knobs they decide. */
const DECIDES: Readonly<Record<string, readonly string[]>> = {
  design: ['gram', 'rhs', 'intercept', 'means'],
};

/**
 * Two slips make a mistake together unless one already decides what the other changes. A product
 * G·v in place of a solve scales the same whichever side carries the 1/N, so it is not paired with
 * a scaling slip (the two pairs are one behaviour, told apart only by rounding).
 */
function composable(a: Slip<NormalEquationModel>, b: Slip<NormalEquationModel>): boolean {
  if (DECIDES[a.knob]?.includes(b.knob) || DECIDES[b.knob]?.includes(a.knob)) return false;
  const multiply = (s: Slip<NormalEquationModel>) => s.id === 'multiplies-instead-of-solving';
  return !((multiply(a) && b.knob === 'scaling') || (multiply(b) && a.knob === 'scaling'));
}

const UNCENTRED: Partial<NormalEquationModel> = { gram: 'raw', rhs: 'raw' };

/** The relative agreement under which two of the facts below count as equal: far looser than rounding, far tighter than any slip. */
const SAME = 1e-7;
const same = (a: number, b: number) => Math.abs(a - b) <= SAME * Math.max(Math.abs(a), Math.abs(b), 1e-300);
const sameScaled = (a: number, b: number, scale: number) => Math.abs(a - b) <= SAME * scale;
const format = (v: number) => String(Number(v.toPrecision(4)));

/** One probe's answer beside the right one, with the table's means. */
interface Seen {
  readonly model: LinearModel;
  readonly truth: LinearModel;
  readonly n: number;
  readonly means: readonly number[];
  readonly meanY: number;
}

/** What the answers on the designed probes show, in words: how the student's w and b relate to the right ones. */
function describeAnswers(evidence: Evidence): string[] {
  const seen: Seen[] = [];
  evidence.probes.forEach((probe, i) => {
    const answer = evidence.answers[i];
    if (!answer?.ok || probe.request.fn !== 'normalEquation') return;
    const [X, y] = probe.request.args as [number[][], number[]];
    const n = X.length;
    seen.push({
      model: answer.value as LinearModel,
      truth: normalEquationOf(REFERENCE, X, y),
      n,
      means: X[0].map((_, j) => X.reduce((s, row) => s + row[j], 0) / n),
      meanY: y.reduce((s, v) => s + v, 0) / n,
    });
  });
  if (seen.length < 2) return [];
  const lengths = seen.map((s) => s.model.w.length - s.truth.w.length);
  if (lengths.some((k) => k !== 0))
    return lengths.every((k) => k === lengths[0])
      ? [
          `Your w has ${Math.abs(lengths[0])} ${lengths[0] > 0 ? 'more' : 'fewer'} entr${Math.abs(lengths[0]) === 1 ? 'y' : 'ies'} than X has columns on every designed probe.`,
        ]
      : ['Your w does not have one entry per column of X on every designed probe.'];
  const weightsRight = seen.every((s) => s.model.w.every((w, j) => same(w, s.truth.w[j])));
  const interceptRight = seen.every((s) => same(s.model.b, s.truth.b));
  if (weightsRight && interceptRight) return [];
  if (weightsRight) {
    const what = seen.every((s) => s.model.b === 0)
      ? ' it is 0 on every one'
      : seen.every((s) => same(s.model.b, s.meanY))
        ? ' it is ȳ, the mean of y, on every one'
        : ' it is not';
    return [`Your w is the least-squares w on every designed probe; as for your b,${what}.`];
  }
  const facts: string[] = [];
  if (interceptRight) facts.push('Your b is the least-squares b on every designed probe; your w is not.');
  if (seen.every((s) => s.model.w.every((w) => w === 0))) facts.push('Your w is 0 on every designed probe.');
  else {
    const ratios = seen.map((s) => ratioOf(s.model.w, s.truth.w));
    if (ratios.every((r) => r !== undefined && same(r, ratios[0]!)))
      facts.push(`Your w is ${format(ratios[0]!)} × the least-squares w on every designed probe.`);
    else if (ratios.every((r, k) => r !== undefined && same(r * seen[k].n, ratios[0]! * seen[0].n)))
      facts.push(
        `Your w is the least-squares w times ${format(ratios[0]! * seen[0].n)}/N on every designed probe (N = ${seen.map((s) => s.n).join(', ')} rows).`,
      );
    else if (ratios.every((r, k) => r !== undefined && same(r / seen[k].n, ratios[0]! / seen[0].n)))
      facts.push(
        `Your w is the least-squares w times ${format(ratios[0]! / seen[0].n)}·N on every designed probe (N = ${seen.map((s) => s.n).join(', ')} rows).`,
      );
  }
  const throughMeans = seen.every((s) => {
    const atMeans = s.model.w.reduce((acc, w, j) => acc + w * s.means[j], s.model.b);
    const scale = s.model.w.reduce(
      (acc, w, j) => acc + Math.abs(w * s.means[j]),
      Math.abs(s.model.b) + Math.abs(s.meanY),
    );
    return sameScaled(atMeans, s.meanY, scale);
  });
  if (throughMeans && !interceptRight)
    facts.push(
      'Your model passes through the point of means (x̄, ȳ) on every designed probe, as the least-squares model does: its weights are what differ.',
    );
  if (!throughMeans && seen.every((s) => s.model.b === 0)) facts.push('Your b is 0 on every designed probe.');
  return facts;
}

/** c when `w` is c times `truth` entry by entry (to 1e−7), else undefined. */
function ratioOf(w: readonly number[], truth: readonly number[]): number | undefined {
  const k = truth.findIndex((t) => t !== 0);
  if (k < 0) return undefined;
  const ratio = w[k] / truth[k];
  return w.every((v, j) => sameScaled(v, ratio * truth[j], Math.max(...truth.map(Math.abs)) * Math.abs(ratio) || 1))
    ? ratio
    : undefined;
}

/** The mistakes of 09-normal-equation: each part of the computation changed, alone or two at a time. */
export const normalEquationSpace: MistakeSpace<NormalEquationModel> = {
  exercise: '09-normal-equation',
  reference: REFERENCE,
  knobs: {
    design: 'how the intercept enters the equations',
    means: 'what the columns are centred by',
    gram: 'the matrix XᵀX of the normal equations',
    rhs: 'the right-hand side Xᵀy',
    scaling: 'a 1/N or a 2 on one side of the equations',
    solve: 'how w is solved from the equations',
    intercept: 'the intercept b',
    rows: "the loops' first and last row",
    columns: 'which columns are solved for',
    fields: 'how w and b are read off the solution',
  },
  implement: (c) => ({ normalEquation: (X: Matrix, y: readonly number[]) => normalEquationOf(c, X, y) }),
  composable,
  describe: describeAnswers,
  slips: [
    slip('no-intercept', 'design', { ...UNCENTRED, intercept: 'zero' }, words['no-intercept']),
    slip(
      'ones-column-forgotten',
      'design',
      { ...UNCENTRED, intercept: 'through-means' },
      words['ones-column-forgotten'],
    ),
    slip('uncentred-b-mean-y', 'design', { ...UNCENTRED, intercept: 'mean-y' }, words['uncentred-b-mean-y']),
    slip(
      'gram-not-centred',
      'gram',
      { gram: 'raw' },
      {
        name: 'Your XᵀX is not centred, while your Xᵀy is',
        explanation:
          'Your matrix is the raw XᵀX while your right-hand side uses the centred data. For the model with an intercept both sides of the normal equations come from the centred X: X_cᵀX_c·w = X_cᵀy_c.',
        hint: 'Compare how the two sides of your equations treat the means.',
      },
    ),
    slip('rhs-not-centred', 'rhs', { rhs: 'raw' }, words['rhs-not-centred']),
    slip(
      'rhs-negated',
      'rhs',
      { rhs: 'negated' },
      {
        name: 'Your w has the wrong sign: the right-hand side is −Xᵀy',
        explanation:
          'Your w is the least-squares w with every sign flipped. Setting ∂J/∂w = (−2/N)·Xᵀ(y − X·w) to 0 gives XᵀX·w = +Xᵀy: the minus in front of the gradient goes away with the 0.',
        hint: 'Write ∂J/∂w = 0 out and move each term to its side again.',
      },
    ),
    slip(
      'rhs-y-indexed-by-column',
      'rhs',
      { rhs: 'y-by-column' },
      {
        name: 'Your Xᵀy indexes y by the column instead of the row',
        explanation:
          'Your right-hand side adds x_ij·y_j over the rows i, with y indexed by the column j: that is y_j times the sum of column j, which is 0 for a centred column, so your w is 0. (Xᵀy)_j is Σᵢ x_ij·yᵢ.',
        hint: 'In the sum for entry j of Xᵀy, which index runs over the rows, and which index does y take?',
      },
    ),
    slip(
      'rhs-of-rows',
      'rhs',
      { rhs: 'of-rows' },
      {
        name: 'Your right-hand side is X·y, not Xᵀ·y',
        explanation:
          'Your right-hand side takes the products of the first rows of X with y (X·y, cut to d entries): a transposed index. The normal equations need Xᵀ·y, one entry per column: Σᵢ x_ij·yᵢ.',
        hint: 'How many entries does Xᵀy have, and what does each one add up over?',
      },
    ),
    slip('gram-of-rows', 'gram', { gram: 'of-rows' }, words['gram-of-rows']),
    slip(
      'gram-diagonal-only',
      'gram',
      { gram: 'diagonal' },
      {
        name: 'You fitted each feature on its own, ignoring the others',
        explanation:
          "Your w_j is Σ(x_j − x̄_j)(y − ȳ) / Σ(x_j − x̄_j)², a separate one-feature regression per column: your XᵀX keeps only its diagonal. When features are correlated, each one's weight depends on the others, and the off-diagonal entries Σ(x_j − x̄_j)(x_k − x̄_k) carry that.",
        hint: 'Does your XᵀX have entries off its diagonal, and does your solve use them?',
      },
    ),
    slip(
      'gram-upper-triangle-only',
      'gram',
      { gram: 'upper-only' },
      {
        name: 'Your XᵀX has only its upper triangle filled in',
        explanation:
          'You computed the entries of XᵀX with j ≤ k (it is symmetric) but left those below the diagonal at 0, so your equations are triangular and solve a different system. Entry (k, j) equals entry (j, k): it has to be copied across.',
        hint: 'Print your XᵀX: is it symmetric?',
      },
    ),
    slip('gram-averaged-rhs-summed', 'scaling', { scaling: 'gram-over-n' }, words['gram-averaged-rhs-summed']),
    slip(
      'rhs-averaged-gram-summed',
      'scaling',
      { scaling: 'rhs-over-n' },
      {
        name: 'Your Xᵀy is divided by N but your XᵀX is not',
        explanation:
          'Your w is the least-squares w divided by N: one side of the normal equations is a mean and the other a sum. Dividing both sides by N changes nothing; dividing one side only scales the solution.',
        hint: 'Check what each side of your equations is divided by.',
      },
    ),
    slip(
      'gram-over-n-minus-1',
      'scaling',
      { scaling: 'gram-over-n-minus-1' },
      {
        name: 'Your XᵀX is a sample covariance (÷ N − 1) and your Xᵀy a population one (÷ N)',
        explanation:
          'Your w is (N − 1)/N times the least-squares w: the two sides of the equations are divided by different numbers. Either divisor is fine as long as both sides use the same one.',
        hint: 'Check what each side of your equations is divided by.',
      },
    ),
    slip(
      'gradient-two-on-the-right',
      'scaling',
      { scaling: 'rhs-doubled' },
      {
        name: "Your equations keep the gradient's 2 on the right-hand side only",
        explanation:
          'Your w is twice the least-squares w: you solved XᵀX·w = 2·Xᵀy. Setting ∂J/∂w = (−2/N)·Xᵀ(y − X·w) to 0, the factor −2/N multiplies both terms, so it divides out of the whole equation: XᵀX·w = Xᵀy.',
        hint: 'Write ∂J/∂w = 0 out in full: which terms does the 2 multiply?',
      },
    ),
    slip(
      'gradient-two-on-the-left',
      'scaling',
      { scaling: 'gram-doubled' },
      {
        name: "Your equations keep the gradient's 2 on the XᵀX side only",
        explanation:
          'Your w is half the least-squares w: you solved 2·XᵀX·w = Xᵀy. Setting ∂J/∂w = (−2/N)·Xᵀ(y − X·w) to 0, the factor −2/N multiplies both terms, so it divides out of the whole equation: XᵀX·w = Xᵀy.',
        hint: 'Write ∂J/∂w = 0 out in full: which terms does the 2 multiply?',
      },
    ),
    slip(
      'means-over-n-minus-1',
      'means',
      { means: 'by-n-minus-1' },
      {
        name: 'Your means divide by N − 1',
        explanation:
          'Your x̄ and ȳ are sums divided by N − 1, so the columns are centred on the wrong point, the equations are not the centred ones, and b = ȳ − w·x̄ is off too. A mean of N numbers is their sum over N (N − 1 belongs to a sample variance, not a mean).',
        hint: 'A mean of N numbers is their sum divided by how many there are: check each of your means.',
      },
    ),
    slip(
      'means-of-rows',
      'means',
      { means: 'of-rows' },
      {
        name: 'Your column means are the means of rows',
        explanation:
          'Your x̄_j averages row j of X (a transposed index) instead of column j, so X is centred by the wrong numbers and b = ȳ − w·x̄ uses them too. x̄_j is the mean of feature j over the N rows: (1/N)·Σᵢ x_ij.',
        hint: 'In the loop for x̄_j, which index runs over the rows?',
      },
    ),
    slip(
      'multiplies-instead-of-solving',
      'solve',
      { solve: 'multiply' },
      {
        name: 'You multiplied by XᵀX instead of solving with it',
        explanation:
          'Your w is (XᵀX)·(Xᵀy): the matrix times the right-hand side. The normal equations say (XᵀX)·w = Xᵀy, so w = (XᵀX)⁻¹·Xᵀy: the equations have to be solved (by elimination or a factorisation), not multiplied out.',
        hint: 'Put your w back into XᵀX·w: do you get Xᵀy?',
      },
    ),
    slip(
      'no-back-substitution',
      'solve',
      { solve: 'no-back-substitution' },
      {
        name: 'Your elimination stops before back-substitution',
        explanation:
          'After eliminating below the diagonal, you read each w_j as the right-hand side over the diagonal entry, v′_j/U_jj. Only the last unknown is right that way: each earlier one still has the later unknowns in its row, and back-substitution, from the bottom row up, takes them out.',
        hint: 'After elimination the system is triangular, not diagonal: which unknowns does row j still contain?',
      },
    ),
    slip(
      'b-zero',
      'intercept',
      { intercept: 'zero' },
      {
        name: 'Your b is 0',
        explanation:
          'Your w is the least-squares w of the centred data, but your b is 0, so the plane passes through the origin instead of the point of means. With centred equations, b = ȳ − w·x̄ has to be put back.',
        hint: 'Which point does the best plane always pass through? Solve for b there.',
      },
    ),
    slip('b-mean-y', 'intercept', { intercept: 'mean-y' }, words['b-mean-y']),
    slip(
      'b-plus',
      'intercept',
      { intercept: 'plus' },
      {
        name: 'Your b adds w·x̄ instead of subtracting it',
        explanation: 'Your b is ȳ + w·x̄. The plane passes through (x̄, ȳ): ȳ = w·x̄ + b, so b = ȳ − w·x̄.',
        hint: 'Solve ȳ = w·x̄ + b for b and check the sign.',
      },
    ),
    slip(
      'b-from-sums',
      'intercept',
      { intercept: 'sums' },
      {
        name: 'Your b uses sums where it needs means',
        explanation:
          'Your b is Σy − w·Σx, N times the intercept: the plane passes through the point of means, (x̄, ȳ), not through the sums.',
        hint: 'Is the point the plane passes through made of sums or of means?',
      },
    ),
    ...(['first', 'last'] as const).map((which) =>
      slip(
        `skips-${which}-row`,
        'rows',
        { rows: `skips-${which}` },
        {
          name: `Your XᵀX and Xᵀy ${which === 'first' ? 'skip the first row' : 'stop before the last row'}`,
          explanation: `The loop that adds up XᵀX and Xᵀy ${which === 'first' ? 'starts one row late' : 'ends one row early'}, so that row never enters the equations, while the means still use every row.`,
          hint: `Check the ${which === 'first' ? 'start' : 'end'} of the loop over the rows that builds your equations.`,
        },
      ),
    ),
    slip(
      'drops-last-column',
      'columns',
      { columns: 'drops-last' },
      {
        name: 'Your equations leave out the last column of X',
        explanation:
          'Your loops over the features stop one column early: the last feature is never in XᵀX or Xᵀy, its weight stays 0, and the other weights are fitted as if it did not exist.',
        hint: 'Check the end of each loop over the columns: does it reach d − 1?',
      },
    ),
    slip(
      'drops-first-column',
      'columns',
      { columns: 'drops-first' },
      {
        name: 'Your equations leave out the first column of X',
        explanation:
          'Your loops over the features start at column 1: the first feature is never in XᵀX or Xᵀy, its weight stays 0, and the other weights are fitted as if it did not exist. (Column 0 of X is a feature: X has no column of ones unless you add one.)',
        hint: 'Check the start of each loop over the columns: is column 0 a feature or the intercept?',
      },
    ),
    slip(
      'one-weight-fewer',
      'columns',
      { columns: 'one-fewer' },
      {
        name: 'Your w has one weight fewer than X has columns',
        explanation:
          'Your w has d − 1 entries, fitted to the first d − 1 features: the last feature was counted as something else (a column of ones, or a target). X has d feature columns, and w needs one weight for each.',
        hint: 'Compare w.length with the number of columns of X.',
      },
    ),
    slip(
      'ones-first-read-as-last',
      'fields',
      { fields: 'ones-first-read-as-last' },
      {
        name: 'You put the column of ones first but read b from the last unknown',
        explanation:
          "Your unknowns were θ = (b, w₀, …, w_{d−1}), with the ones column first, but you returned w = θ₀ … θ_{d−1} and b = θ_d: every weight moved one place, the intercept among them. Read θ in the order of A's columns.",
        hint: 'Where in your design matrix is the column of ones, and which entry of θ belongs to it?',
      },
    ),
    slip(
      'ones-last-read-as-first',
      'fields',
      { fields: 'ones-last-read-as-first' },
      {
        name: 'You put the column of ones last but read b from the first unknown',
        explanation:
          "Your unknowns were θ = (w₀, …, w_{d−1}, b), with the ones column last, but you returned b = θ₀ and w = θ₁ … θ_d: every weight moved one place, the intercept among them. Read θ in the order of A's columns.",
        hint: 'Where in your design matrix is the column of ones, and which entry of θ belongs to it?',
      },
    ),
    slip(
      'intercept-in-w',
      'fields',
      { fields: 'intercept-in-w' },
      {
        name: 'Your w still holds the intercept',
        explanation:
          'Your w has d + 1 entries: the weights and then b, the whole solution θ. The model keeps them apart: w has one weight per column of X, and b is returned on its own.',
        hint: 'Compare w.length with the number of columns of X.',
      },
    ),
  ],
  fingerprintInputs: () => sampled(dataInputs, 40).map(({ X, y }) => ({ fn: 'normalEquation' as const, args: [X, y] })),
};
