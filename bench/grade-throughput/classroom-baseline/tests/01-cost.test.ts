import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeCost } from '../exercises/01-cost/cost';
import { cost, expectClose, line, points, WORKED_POINTS } from './support';

describe('01-cost', () => {
  it('matches the worked examples', () => {
    expectClose(computeCost(WORKED_POINTS, { m: 1, b: 1 }), 1.5);
    expectClose(
      computeCost(
        [
          { x: 1, y: 2 },
          { x: 2, y: 2 },
        ],
        { m: 1, b: 0 },
      ),
      0.5,
    );
    expectClose(
      computeCost(
        [
          { x: 0, y: 1 },
          { x: 2, y: 5 },
        ],
        { m: 2, b: 1 },
      ),
      0,
    );
    expectClose(computeCost([{ x: 2, y: 3 }], { m: 1, b: 0 }), 1);
  });

  it('matches the mean squared error on random data', () => {
    fc.assert(fc.property(points, line, (ps, l) => expectClose(computeCost(ps, l), cost(ps, l))));
  });

  it('does not change when every point is duplicated', () => {
    fc.assert(fc.property(points, line, (ps, l) => expectClose(computeCost([...ps, ...ps], l), computeCost(ps, l))));
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(points, line, (ps, l) => {
        expect(computeCost(ps, l)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
