import type { Line, Point } from '../types';

/**
 * One step of gradient descent: m − η·dm and b − η·db, where η is the learning rate.
 *
 * The update is simultaneous: take both partial derivatives at `line` first, then move both
 * parameters. You may import `computeGradient` from `../02-gradient/gradient`.
 *
 * @param points - the data, at least one point; do not change it
 * @param line - where the step starts; do not change it
 * @param learningRate - η, the size of the step
 * @returns a new line, one step downhill
 * @example
 * step([{ x: 1, y: 3 }], { m: 1, b: 0 }, 0.1) // gradient { dm: −4, db: −4 }, so { m: 1.4, b: 0.4 }
 */
export function step(points: readonly Point[], line: Line, learningRate: number): Line {
  throw new Error('not implemented yet: step in 03-step/step.ts');
}
