import type { DescentResult, Point } from '../../exercises/types';
import { leastSquares, maxStableLearningRate } from '../../solutions/06-learning-rate/learning-rate';
import { compareDescent, format } from '../reference/compare';
import { memoByIdentity } from '../shipped/memo';
import { PUBLISHED_RUN } from '../shipped/exercises/04-descent/grading/checks';
import type { SubmissionPort } from '../shipped/door/port';
import type { World } from '../shipped/door/submission-realms';
import type { Observation } from '../shipped/results/model';

/** Seed 000's run, the published-run check's own input: data.csv, lr 1e−4, 1000 iterations from m = b = 0, so that its answer is already known. */
const { points: SEED_POINTS, ...CRAWL } = PUBLISHED_RUN.input;
/** Just above the limit: along the steepest direction each step multiplies the error by 1 − 1.05·2 = −1.1. */
const ABOVE_LIMIT = { factor: 1.05, iterations: 40 };
/** A run has diverged when its last cost is this many times its first. */
const DIVERGED = 10;

interface Conditioning {
  readonly lambdaMax: number;
  readonly lambdaMin: number;
  readonly limit: number;
  readonly meanX: number;
}

/** The eigenvalues of J's Hessian 2·[[mean x², mean x], [mean x, 1]]; λmin from the determinant, which has no cancellation. */
const conditioningOf = memoByIdentity((points: readonly Point[]): Conditioning => {
  const n = points.length;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const variance = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0) / n;
  const limit = maxStableLearningRate(points);
  const lambdaMax = 2 / limit;
  return { lambdaMax, lambdaMin: (4 * variance) / lambdaMax, limit, meanX };
});
const bestLineOf = memoByIdentity(leastSquares);

const short = (x: number) => format(Number(x.toPrecision(4)));

/**
 * Advice on learning rates, never a failure, for a descent that earned full marks. Runs the
 * student's gradientDescent on data.csv twice through the door: at seed 000's rate, where a
 * correct descent crawls because the problem is badly conditioned, and just above 2/λmax, where
 * a correct descent must diverge. Each observation is given only when the run behaves as a
 * correct descent does, so it explains the student's own numbers.
 */
export async function learningRateObservations(port: SubmissionPort, world: World): Promise<Observation[]> {
  const points = SEED_POINTS;
  const c = conditioningOf(points);
  const fast = ABOVE_LIMIT.factor * c.limit;
  const [crawl, blowUp] = await port.callMany([
    { exercise: '04-descent', fn: 'gradientDescent', args: [points, CRAWL], world },
    {
      exercise: '04-descent',
      fn: 'gradientDescent',
      args: [points, { initial: CRAWL.initial, learningRate: fast, iterations: ABOVE_LIMIT.iterations }],
      world,
    },
  ]);
  const observations: Observation[] = [];
  const optimum = bestLineOf(points);

  if (
    crawl.ok &&
    compareDescent(crawl.value as DescentResult, points, CRAWL.initial, CRAWL.learningRate, CRAWL.iterations).pass
  ) {
    const { line } = crawl.value as DescentResult;
    const perStep = CRAWL.learningRate * c.lambdaMin;
    const done = 1 - (1 - perStep) ** CRAWL.iterations;
    observations.push({
      id: '04-descent/slow-convergence',
      title: 'A correct descent that crawls: conditioning and feature scaling',
      text:
        `${world === 'isolated' ? 'Your descent loop is correct when it runs on the reference’s cost, gradient and step, as it was graded here, because an exercise it builds on lost points.' : 'Your descent is correct.'} On data.csv at η = ${CRAWL.learningRate} it ends after ${CRAWL.iterations} steps at m = ${short(line.m)}, b = ${short(line.b)}, ` +
        `while the best line is m = ${short(optimum.m)}, b = ${short(optimum.b)}: not a bug, a badly conditioned problem. ` +
        `Because x is around ${short(c.meanX)}, far from 0, J's Hessian has eigenvalues λmax ≈ ${short(c.lambdaMax)} and λmin ≈ ${short(c.lambdaMin)} (a ratio of about ${short(c.lambdaMax / c.lambdaMin)}): the bowl is a long, narrow valley. ` +
        `η must stay below 2/λmax ≈ ${short(c.limit)} for the steep direction to stay stable, and at η = ${CRAWL.learningRate} each step removes only η·λmin ≈ ${short(perStep)} of the error along the flat direction, which is mostly b: ` +
        `about ${short(100 * done)}% in ${CRAWL.iterations} steps. Feature scaling fixes this: with x standardised to (x − x̄)/σ the Hessian becomes 2·I, both eigenvalues are 2, and η = 0.5 reaches the best line in a single step.`,
    });
  }

  const diverged = blowUp.ok
    ? (() => {
        const costs = (blowUp.value as DescentResult).costs;
        return costs.length > 1 && costs[costs.length - 1] > DIVERGED * costs[0];
      })()
    : blowUp.error.kind === 'not-finite';
  if (diverged) {
    const growth = Math.abs(1 - fast * c.lambdaMax);
    const costs = blowUp.ok ? (blowUp.value as DescentResult).costs : undefined;
    const seen = costs
      ? `the cost went from ${short(costs[0])} to ${short(costs[costs.length - 1])} in ${ABOVE_LIMIT.iterations} steps`
      : 'the numbers grew until they were no longer finite';
    observations.push({
      id: '04-descent/diverges-above-limit',
      title: 'Above 2/λmax descent diverges, and yours does',
      text:
        `${world === 'isolated' ? 'Run on the reference’s cost, gradient and step: ' : ''}At η = ${short(fast)}, ${ABOVE_LIMIT.factor} × the stability limit 2/λmax ≈ ${short(c.limit)} of data.csv, your descent diverges as it must: ${seen}. ` +
        `Along the steepest direction of the bowl each step multiplies the remaining error by 1 − η·λmax ≈ ${short(1 - fast * c.lambdaMax)}: it overshoots the valley floor and lands higher up the other side, ${short(growth)}× further every step. ` +
        'Below 2/λmax that factor stays between −1 and 1 and the run converges; 06-learning-rate asks you to compute this limit.',
    });
  }
  return observations;
}
