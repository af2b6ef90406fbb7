import type { DescentResult, Line, Point } from '../../exercises/types';
import { costOfColumns } from '../../solutions/01-cost/cost';
import { gradientOfColumns } from '../../solutions/02-gradient/gradient';
import { columnsOf, pointsOf, type PointColumns } from '../data/point-columns';
import type { SubmissionPort } from '../shipped/door/port';

export interface TrainOptions {
  readonly learningRate: number;
  readonly iterations: number;
  readonly initial: Line;
}

/** Seed 000's `run()` defaults: lr 0.0001, 1000 iterations, from b = m = 0. */
export const SEED_RUN: TrainOptions = { learningRate: 0.0001, iterations: 1000, initial: { m: 0, b: 0 } };

export interface TrainRun {
  readonly startError: number;
  readonly line: Line;
  readonly error: number;
}

/**
 * Gradient descent with the reference, in this process (it is trusted code), on columns: the
 * steps of 03-step and 04-descent, with the reference's columnar cost and gradient, which return
 * the same bits as `computeCost` and `computeGradient` on the same points.
 */
export function trainWithReference(data: PointColumns | readonly Point[], options: TrainOptions): TrainRun {
  const { x, y } = columnsOf(data);
  let line: Line = { m: options.initial.m, b: options.initial.b };
  const startError = costOfColumns(x, y, line);
  for (let k = 0; k < options.iterations; k++) {
    const { dm, db } = gradientOfColumns(x, y, line);
    line = { m: line.m - options.learningRate * dm, b: line.b - options.learningRate * db };
  }
  return { startError, line, error: costOfColumns(x, y, line) };
}

/** Gradient descent with a submission's own `gradientDescent`, through the door to its sandbox. */
export async function trainWithSubmission(
  port: SubmissionPort,
  data: PointColumns | readonly Point[],
  options: TrainOptions,
): Promise<TrainRun> {
  const [outcome] = await port.callMany([
    { exercise: '04-descent', fn: 'gradientDescent', args: [pointsOf(data), options] },
  ]);
  if (!outcome.ok) throw new Error(outcome.error.message);
  const result = outcome.value as DescentResult;
  return { startError: result.costs[0], line: result.line, error: result.costs[result.costs.length - 1] };
}

/** The two lines seed 000 prints, with full precision so they can be compared with the published run. */
export function describeRun(run: TrainRun, iterations: number, initial: Line): string[] {
  return [
    `Starting gradient descent at b = ${initial.b}, m = ${initial.m}, error = ${run.startError}`,
    `After ${iterations} iterations b = ${run.line.b}, m = ${run.line.m}, error = ${run.error}`,
  ];
}
