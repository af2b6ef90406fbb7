import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gradientDescent } from '../exercises/04-descent/descent';
import { cost, expectClose, gradient, line, points, rate, WORKED_POINTS } from './support';

describe('04-descent', () => {
  it('matches the worked example', () => {
    const result = gradientDescent(WORKED_POINTS, { initial: { m: 1, b: 1 }, learningRate: 0.1, iterations: 3 });
    expectClose(result.line.m, 1.307);
    expectClose(result.line.b, 1.0955);
    expect(result.costs).toHaveLength(4);
    [1.5, 1.07875, 1.0660375, 1.06394725].forEach((c, k) => expectClose(result.costs[k], c));
  });

  it('records J before the first step and after each one', () => {
    fc.assert(
      fc.property(points, line, rate, fc.integer({ min: 0, max: 20 }), (ps, initial, learningRate, iterations) => {
        const result = gradientDescent(ps, { initial, learningRate, iterations });
        expect(result.costs).toHaveLength(iterations + 1);
        expectClose(result.costs[0], cost(ps, initial));
      }),
    );
  });

  it('takes the same steps as repeated simultaneous updates', () => {
    fc.assert(
      fc.property(points, line, rate, fc.integer({ min: 1, max: 20 }), (ps, initial, learningRate, iterations) => {
        let l = initial;
        for (let k = 0; k < iterations; k++) {
          const g = gradient(ps, l);
          l = { m: l.m - learningRate * g.dm, b: l.b - learningRate * g.db };
        }
        const result = gradientDescent(ps, { initial, learningRate, iterations });
        const scale = 1 + Math.abs(l.m) + Math.abs(l.b);
        expect(Math.abs(result.line.m - l.m) / scale).toBeLessThan(1e-9);
        expect(Math.abs(result.line.b - l.b) / scale).toBeLessThan(1e-9);
      }),
    );
  });
});
