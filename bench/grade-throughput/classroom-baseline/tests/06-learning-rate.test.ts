import fc from 'fast-check';
import { describe, it } from 'vitest';
import { leastSquares, maxStableLearningRate } from '../exercises/06-learning-rate/learning-rate';
import { expectClose, spreadPoints } from './support';

describe('06-learning-rate', () => {
  it('matches the worked example', () => {
    const ps = [
      { x: -2, y: 1 },
      { x: 0, y: 2 },
      { x: 2, y: 6 },
    ];
    const fit = leastSquares(ps);
    expectClose(fit.m, 1.25);
    expectClose(fit.b, 3);
    expectClose(maxStableLearningRate(ps), 0.375);
  });

  it('solves the normal equations', () => {
    fc.assert(
      fc.property(spreadPoints, (ps) => {
        const n = ps.length;
        const mx = ps.reduce((s, p) => s + p.x, 0) / n;
        const my = ps.reduce((s, p) => s + p.y, 0) / n;
        const m = ps.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / ps.reduce((s, p) => s + (p.x - mx) ** 2, 0);
        const fit = leastSquares(ps);
        expectClose(fit.m, m);
        expectClose(fit.b, my - m * mx);
      }),
    );
  });

  it('is 2 / λmax of the Hessian', () => {
    fc.assert(
      fc.property(spreadPoints, (ps) => {
        const n = ps.length;
        const [a, b, d] = [
          (2 / n) * ps.reduce((s, p) => s + p.x * p.x, 0),
          (2 / n) * ps.reduce((s, p) => s + p.x, 0),
          2,
        ];
        const lambdaMax = (a + d) / 2 + Math.sqrt(((a - d) / 2) ** 2 + b * b);
        expectClose(maxStableLearningRate(ps), 2 / lambdaMax);
      }),
    );
  });
});
