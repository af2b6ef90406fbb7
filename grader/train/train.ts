import type { DescentResult, Line, Point } from '../../exercises/types';
import { gradientDescent } from '../../solutions/04-descent/descent';
import type { SubmissionPort } from '../door/port';

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

function runOf(result: DescentResult): TrainRun {
  return { startError: result.costs[0], line: result.line, error: result.costs[result.costs.length - 1] };
}

/** Gradient descent with the reference solution, in this process: it is trusted code. */
export function trainWithReference(points: readonly Point[], options: TrainOptions): TrainRun {
  return runOf(gradientDescent(points, options));
}

/** Gradient descent with a submission's own `gradientDescent`, through the door to its sandbox. */
export async function trainWithSubmission(port: SubmissionPort, points: readonly Point[], options: TrainOptions): Promise<TrainRun> {
  const [outcome] = await port.callMany([{ exercise: '04-descent', fn: 'gradientDescent', args: [points, options] }]);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return runOf(outcome.value as DescentResult);
}

/** The two lines seed 000 prints, with full precision so they can be compared with the published run. */
export function describeRun(run: TrainRun, iterations: number, initial: Line): string[] {
  return [
    `Starting gradient descent at b = ${initial.b}, m = ${initial.m}, error = ${run.startError}`,
    `After ${iterations} iterations b = ${run.line.b}, m = ${run.line.m}, error = ${run.error}`,
  ];
}
